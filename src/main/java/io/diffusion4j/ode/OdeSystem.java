package io.diffusion4j.ode;

import ai.djl.ndarray.NDList;

/**
 * A first-order system dy/dt = F(t, y) (Commons Math's {@code FirstOrderDifferentialEquations}). The state is an
 * {@link NDList} of arrays of any shapes, so one system can integrate several quantities together (x and the
 * log-density change of a probability-flow ODE, for example).
 */
@FunctionalInterface
public interface OdeSystem {

    /**
     * F(t, y): one array per component of y, each of the component's shape. Create the results from y's arrays
     * (or in y's manager) so the integrator can scope memory per step.
     */
    NDList derivative(double t, NDList y);
}
