package org.sensorrecovery.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.Kernels;

class MeasurementValidationTest {

    @Test
    void rankOneOfTheWrongDimensionIsRefusedNamingTheField() {
        RankOneSensing s = new RankOneSensing(4, 8, 4, Kernels.best());
        InvalidMeasurementException e = assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.RankOne(new double[3], 1.0)));
        assertEquals("a", e.field());
        assertEquals("a: expected 4 numbers, got 3", e.getMessage());
        assertEquals(0, s.size());
    }

    @Test
    void nonFiniteValuesAreRefused() {
        RankOneSensing s = new RankOneSensing(2, 8, 2, Kernels.best());
        assertEquals("y", assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.RankOne(new double[] {1, 2}, Double.NaN))).field());
        assertEquals("a", assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.RankOne(new double[] {1, Double.POSITIVE_INFINITY}, 1))).field());
        assertEquals(0, s.size());
    }

    @Test
    void entryIndicesOutOfRangeAreRefused() {
        EntrySensing s = new EntrySensing(5, 8);
        assertEquals("i", assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.Entry(5, 0, 1))).field());
        assertEquals("j", assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.Entry(0, -1, 1))).field());
        assertEquals(0, s.size());
    }

    @Test
    void aMeasurementOfAnotherKindIsRefused() {
        EntrySensing s = new EntrySensing(5, 8);
        InvalidMeasurementException e = assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.Gaussian(1, 1)));
        assertEquals("kind", e.field());
    }

    @Test
    void denseMatrixMustHaveDSquaredFiniteNumbers() {
        MatrixSensing s = new MatrixSensing(Kind.DENSE, 3, 4, Kernels.best());
        assertEquals("A", assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.Dense(new double[8], 1))).field());
    }

    @Test
    void windowKeepsOnlyTheMostRecentCapacityMeasurements() {
        EntrySensing s = new EntrySensing(3, 4);
        for (int t = 0; t < 10; t++) {
            s.add(new Measurement.Entry(0, 0, t));
        }
        assertEquals(4, s.size());
        assertEquals(10, s.added());
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            sum += s.values()[i];
        }
        assertEquals(6 + 7 + 8 + 9, sum);
    }
}
