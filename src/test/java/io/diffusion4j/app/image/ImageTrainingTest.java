package io.diffusion4j.app.image;

import io.diffusion4j.data.image.FashionMnist;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageTrainingTest {

    @Test
    void unknownDataNamesTheDebianPackageAndTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageTraining.open("/no/such/folder", 0, FashionMnist.Split.TRAIN, s -> { }));
        assertTrue(e.getMessage().contains(FashionMnist.DEBIAN_PACKAGE) && e.getMessage().contains("--data"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void classOutOfRangeSaysTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageTraining.requireClass(10, 10));
        assertTrue(e.getMessage().contains("0..9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageTraining.requireClass(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> ImageTraining.requireClass(0, 0));
    }

    @Test
    void gridsHaveOneRowPerClass() {
        assertArrayEquals(new int[] {2, 3}, ImageTraining.parseGrid("2x3"));
        assertThrows(IllegalArgumentException.class, () -> ImageTraining.parseGrid("8by8"));
        assertThrows(IllegalArgumentException.class, () -> ImageTraining.parseGrid("0x8"));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 0, 0}, ImageTraining.gridLabels(4, 2, 3, -1));
        assertArrayEquals(new int[] {5, 5, 5, 5}, ImageTraining.gridLabels(2, 2, 10, 5));
    }
}
