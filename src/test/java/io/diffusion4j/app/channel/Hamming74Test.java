package io.diffusion4j.app.channel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Exhaustive checks of the code: 16 codewords, all 7 single errors corrected, all 21 double errors fail (perfect code). */
class Hamming74Test {

    @Test
    void decodesEveryCodewordAndCorrectsEverySingleError() {
        for (int m = 0; m < 16; m++) {
            int[] c = Hamming74.codeword(m);
            assertEquals(m, Hamming74.decodeBits(c));
            for (int j = 0; j < 7; j++) {
                int[] e = c.clone();
                e[j] ^= 1;
                assertEquals(m, Hamming74.decodeBits(e), "message " + m + ", error at bit " + j);
            }
        }
    }

    @Test
    void everyDoubleErrorIsMisdecoded() {
        for (int m = 0; m < 16; m++) {
            for (int i = 0; i < 7; i++) {
                for (int j = i + 1; j < 7; j++) {
                    int[] e = Hamming74.codeword(m);
                    e[i] ^= 1;
                    e[j] ^= 1;
                    assertNotEquals(m, Hamming74.decodeBits(e));
                }
            }
        }
    }

    @Test
    void minimumDistanceIsThree() {
        int min = 7;
        for (int a = 0; a < 16; a++) {
            for (int b = a + 1; b < 16; b++) {
                int[] ca = Hamming74.codeword(a);
                int[] cb = Hamming74.codeword(b);
                int d = 0;
                for (int j = 0; j < 7; j++) {
                    d += ca[j] ^ cb[j];
                }
                min = Math.min(min, d);
            }
        }
        assertEquals(3, min);
    }
}
