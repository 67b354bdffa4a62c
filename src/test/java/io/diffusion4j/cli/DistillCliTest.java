package io.diffusion4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** d4j distill end to end on gmm8: a 2-step student beats its teacher's 2-step DDIM; a round resumes to the same bytes. */
class DistillCliTest {

    private static double swd(Path samples) {
        CliTest.Run r = CliTest.d4j("eval", "--samples", samples.toString(), "--data", "gmm8", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        return o.get("swd").getAsDouble();
    }

    @Test
    void aTwoStepStudentBeatsTheTeachersTwoStepDdim(@TempDir Path dir) {
        String teacher = dir.resolve("teacher").toString();
        assertEquals(0, CliTest.d4j("train", "--data", "gmm8", "--prediction", "v", "--schedule", "cosine", "--hidden",
                "64,64", "--steps", "1500", "--out", teacher).code());
        CliTest.Run d = CliTest.d4j("distill", "--teacher", teacher, "--teacher-steps", "8", "--rounds", "2",
                "--steps-per-round", "600", "--out", dir.resolve("pd").toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("2-step student"), d.out());
        Path t2 = dir.resolve("t2.npy");
        Path s2 = dir.resolve("s2.npy");
        assertEquals(0, CliTest.d4j("sample", "--run", teacher, "--sampler", "ddim", "--spacing", "trailing", "--steps", "2",
                "--n", "2000", "--seed", "1", "--out", t2.toString()).code());
        CliTest.Run s = CliTest.d4j("sample", "--run", dir.resolve("pd/round-2").toString(), "--n", "2000", "--seed", "1",
                "--out", s2.toString());
        assertEquals(0, s.code(), s.err());
        double teacherSwd = swd(t2);
        double studentSwd = swd(s2);
        System.out.printf(java.util.Locale.ROOT, "gmm8, 2 steps: distilled student SWD %.4f, teacher DDIM-2 %.4f%n", studentSwd, teacherSwd);
        // SWD of 2000 points has a sampling spread of about 0.01 on gmm8 (its floor between two data draws is ~0.03);
        // the teacher's 2-step DDIM is off by far more, so a margin of 0.05 cannot come from the draw
        assertTrue(studentSwd < teacherSwd - 0.05, "student " + studentSwd + " vs teacher DDIM-2 " + teacherSwd);
        CliTest.Run more = CliTest.d4j("sample", "--run", dir.resolve("pd/round-2").toString(), "--steps", "4", "--out",
                dir.resolve("x.npy").toString());
        assertEquals(2, more.code(), "a student asked for steps it never learned");
        assertTrue(more.err().contains("distilled for 2 DDIM steps"), more.err());
    }

    @Test
    void aRoundResumesToTheSameBytesAndBadInputIsOneLine(@TempDir Path dir) throws Exception {
        String teacher = dir.resolve("teacher").toString();
        assertEquals(0, CliTest.d4j("train", "--data", "gmm8", "--prediction", "v", "--hidden", "16", "--steps", "30",
                "--checkpoint-every", "10", "--out", teacher).code());
        String[] args = {"distill", "--teacher", teacher, "--teacher-steps", "4", "--rounds", "1", "--steps-per-round", "20"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliTest.d4j(cat(args, "--out", a.toString())).code());
        assertEquals(0, CliTest.d4j(cat(args, "--out", b.toString())).code());
        Path round = b.resolve("round-1");
        // as if killed after the step-10 checkpoint: the spare becomes the checkpoint and the model is not written yet
        Files.delete(round.resolve("model.safetensors"));
        Files.move(round.resolve("checkpoint.prev.safetensors"), round.resolve("checkpoint.safetensors"),
                StandardCopyOption.REPLACE_EXISTING);
        CliTest.Run resumed = CliTest.d4j(cat(args, "--out", b.toString()));
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(Files.readAllBytes(a.resolve("round-1/model.safetensors")),
                Files.readAllBytes(round.resolve("model.safetensors")), "a resumed round ends with the same bytes");
        CliTest.Run again = CliTest.d4j(cat(args, "--out", b.toString()));
        assertEquals(0, again.code());
        assertTrue(again.err().contains("is done"), "a finished round is skipped: " + again.err());
        CliTest.assertUserError(CliTest.d4j("distill", "--teacher", teacher, "--teacher-steps", "6", "--rounds", "2",
                "--out", dir.resolve("c").toString()), "halved exactly");
        CliTest.assertUserError(CliTest.d4j("distill", "--teacher", teacher, "--rounds", "0",
                "--out", dir.resolve("c").toString()), "--rounds");
        CliTest.assertUserError(CliTest.d4j("distill", "--teacher", dir.resolve("nothing").toString(), "--rounds", "1",
                "--out", dir.resolve("c").toString()), "not found");
    }

    /**
     * An image run distils end to end (tiny U-Net, a few steps: it checks the wiring, not quality): a guided student
     * (round 0, then one halving round) samples at a w in its range with one evaluation per step, refuses a w outside
     * it, and an unguided image student refuses --guidance.
     */
    @Test
    void aClassConditionalImageRunDistilsGuidedAndUnguided(@TempDir Path dir) {
        String teacher = dir.resolve("teacher").toString();
        assertEquals(0, CliTest.d4j("train", "--data", "fashion-mnist-subset", "--base", "8", "--prediction", "v",
                "--steps", "2", "--batch", "4", "--checkpoint-every", "2", "--out", teacher).code());
        Path guided = dir.resolve("guided");
        CliTest.Run g = CliTest.d4j("distill", "--teacher", teacher, "--teacher-steps", "4", "--rounds", "1",
                "--steps-per-round", "2", "--batch", "4", "--guided", "--w-range", "0,3", "--out", guided.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(Files.isRegularFile(guided.resolve("round-0/model.safetensors")), "round 0: the guided student");
        assertTrue(Files.isRegularFile(guided.resolve("round-1/model.safetensors")), "round 1: its 2-step student");
        String png = dir.resolve("g.png").toString();
        CliTest.Run s = CliTest.d4j("sample", "--run", guided.resolve("round-1").toString(), "--guidance", "2", "--class", "3",
                "--grid", "1x2", "--out", png);
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.isRegularFile(Path.of(png)));
        CliTest.assertUserError(CliTest.d4j("sample", "--run", guided.resolve("round-1").toString(), "--guidance", "5",
                "--grid", "1x2", "--out", png), "in that range");
        Path plain = dir.resolve("plain");
        assertEquals(0, CliTest.d4j("distill", "--teacher", teacher, "--teacher-steps", "2", "--rounds", "1",
                "--steps-per-round", "2", "--batch", "4", "--out", plain.toString()).code());
        CliTest.assertUserError(CliTest.d4j("sample", "--run", plain.resolve("round-1").toString(), "--guidance", "1",
                "--grid", "1x2", "--out", png), "distilled without guidance");
        // eval --metric fid on a student: its own step count and trailing grid by default, more steps refused
        CliTest.Run fid = CliTest.d4j("eval", "--run", plain.resolve("round-1").toString(), "--metric", "fid", "--n", "10",
                "--bootstrap", "0", "--eta", "0");
        assertEquals(0, fid.code(), fid.err());
        assertTrue(fid.out().contains("| 1 |"), "one row, the student's 1 step: " + fid.out());
        CliTest.assertUserError(CliTest.d4j("eval", "--run", plain.resolve("round-1").toString(), "--metric", "fid",
                "--n", "10", "--steps", "4"), "distilled for 1 DDIM steps");
        CliTest.assertUserError(CliTest.d4j("eval", "--run", plain.resolve("round-1").toString(), "--metric", "fid",
                "--n", "10", "--spacing", "uniform"), "trailing grid");
        CliTest.assertUserError(CliTest.d4j("distill", "--teacher", teacher, "--rounds", "1", "--w-range", "0,2",
                "--out", dir.resolve("c").toString()), "--w-range applies");
        CliTest.assertUserError(CliTest.d4j("distill", "--teacher", teacher, "--rounds", "1", "--guided", "--w-range", "3,1",
                "--out", dir.resolve("c").toString()), "--w-range");
    }

    private static String[] cat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
