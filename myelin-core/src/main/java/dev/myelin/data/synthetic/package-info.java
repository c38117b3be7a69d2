/**
 * Seeded synthetic data sets: logic truth tables, two moons, circles, spirals, blobs, and scikit-learn's
 * {@code make_classification} / {@code make_regression}, plus the course's sum-regression problem.
 */
package dev.myelin.data.synthetic;
