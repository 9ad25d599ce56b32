package org.sensorrecovery.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.simulate.SimulatedArray;

class QuadraticNetworkTest {

    @Test
    void predictsTheQuadraticFormOfTheMatrixTheEigenpairsDefine() {
        Random rnd = new Random(5);
        int d = 7;
        double[] lambda = {4.0, 1.5, -0.5};
        double[][] v = SimulatedArray.orthonormal(3, d, rnd);
        QuadraticNetwork net = new QuadraticNetwork(d, lambda, v);
        double[] dense = new double[d * d];
        for (int j = 0; j < 3; j++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    dense[a * d + b] += lambda[j] * v[j][a] * v[j][b];
                }
            }
        }
        for (int trial = 0; trial < 5; trial++) {
            double[] input = TeacherNetwork.gaussian(d, rnd);
            double y = SimulatedArray.quadraticForm(dense, d, input);
            assertEquals(y, net.predict(input), 1e-12 * Math.abs(y));
        }
        assertEquals(3, net.rank());
        assertEquals(d, net.dimension());
    }

    @Test
    void aRankZeroEstimatePredictsZero() {
        assertEquals(0.0, new QuadraticNetwork(3, new double[0], new double[0][]).predict(new double[] {1, 2, 3}));
    }

    @Test
    void shapesThatDisagreeAreRefusedNamingTheField() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new QuadraticNetwork(2, new double[] {1, 2}, new double[][] {{1, 0}}));
        assertEquals("eigenvectors: expected 2 rows (one per eigenvalue), got 1", rows.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> new QuadraticNetwork(2, new double[] {1}, new double[][] {{1, 0, 0}}));
        assertEquals("eigenvectors: row 0: expected 2 numbers, got 3", length.getMessage());
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> new QuadraticNetwork(2, new double[] {1}, new double[][] {{1, 0}}).predict(new double[3]));
        assertEquals("x: expected 2 numbers, got 3", input.getMessage());
    }
}
