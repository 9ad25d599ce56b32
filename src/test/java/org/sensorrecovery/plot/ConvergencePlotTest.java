package org.sensorrecovery.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ConvergencePlotTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void drawsTheResidualAndErrorCurvesAndOneBarPerEigenvalueAsWellFormedSvg() throws Exception {
        List<ConvergencePlot.Point> curve = List.of(new ConvergencePlot.Point(100, 0.5, 0.9),
                new ConvergencePlot.Point(200, 1e-4, 2e-4), new ConvergencePlot.Point(300, 1e-9, 3e-9));
        Document svg = parse(ConvergencePlot.svg("replay <a & b>", curve, new double[] {3, 2, 1}, new double[] {3, 2, 1}));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals(2, svg.getElementsByTagName("polyline").getLength(), "residual and error");
        assertEquals(4, svg.getElementsByTagName("rect").getLength(), "background and three bars");
        assertEquals(3, svg.getElementsByTagName("circle").getLength(), "three truth eigenvalues");
        String points = svg.getElementsByTagName("polyline").item(0).getAttributes().getNamedItem("points").getNodeValue();
        assertEquals(3, points.split(" ").length);
        assertTrue(svg.getDocumentElement().getTextContent().contains("replay <a & b>"));
    }

    @Test
    void withoutATruthThereIsOneCurveAndNoDots() throws Exception {
        List<ConvergencePlot.Point> curve = List.of(new ConvergencePlot.Point(10, 1e-2, Double.NaN),
                new ConvergencePlot.Point(20, 1e-6, Double.NaN));
        Document svg = parse(ConvergencePlot.svg("t", curve, new double[] {1}, null));
        assertEquals(1, svg.getElementsByTagName("polyline").getLength());
        assertEquals(0, svg.getElementsByTagName("circle").getLength());
    }
}
