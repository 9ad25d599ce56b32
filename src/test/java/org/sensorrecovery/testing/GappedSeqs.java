package org.sensorrecovery.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The seq streams of the missing-measurement examples. */
public final class GappedSeqs {

    private GappedSeqs() {
    }

    /**
     * Issue 13's example: seqs 0..999 without 300..399 and 700..729 (130 never sent), shuffled in
     * blocks of 8, so each seq arrives at most 7 places from its turn (well within the reorder window).
     */
    public static List<Long> issue13Example() {
        List<Long> seqs = new ArrayList<>();
        for (long s = 0; s < 1000; s++) {
            if (!(s >= 300 && s < 400) && !(s >= 700 && s < 730)) {
                seqs.add(s);
            }
        }
        Random random = new Random(13);
        for (int i = 0; i + 8 <= seqs.size(); i += 8) {
            Collections.shuffle(seqs.subList(i, i + 8), random);
        }
        return seqs;
    }
}
