package io.diffusion4j.cli;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
public class Main { public static void main(String[] a) {
  System.setProperty("ai.djl.offline","true");
  long t0=System.nanoTime();
  try (NDManager m = NDManager.newBaseManager()) {
    NDArray x = m.randomNormal(new Shape(3,4));
    x.setRequiresGradient(true);
    try (var gc = Engine.getInstance().newGradientCollector()) {
      NDArray y = x.mul(x).sum();
      gc.backward(y);
    }
    System.out.println(x.getGradient().sub(x.mul(2)).abs().max());
    System.out.println(Engine.getInstance().getEngineName()+" "+Engine.getInstance().getVersion());
  }
  System.out.println((System.nanoTime()-t0)/1e6+" ms");
} }
