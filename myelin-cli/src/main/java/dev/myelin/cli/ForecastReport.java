package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.nn.Module;
import dev.myelin.plot.Plots;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a model forecasts the test windows of a time series, in the column's own units: the root mean squared error
 * over all horizon steps against that of repeating each window's last value (the naive forecast a model has to
 * beat), and the forecast {@code horizon} steps ahead against the truth for {@code forecast.png}.
 */
record ForecastReport(SeriesLayout layout, double rmse, double lastValueRmse, double[] truth, double[] forecast) {

    static ForecastReport of(Module model, TensorDataset test, SeriesLayout layout) {
        float[] predicted = RunReport.predict(model, test.features()).toArray(),
                targets = test.targets().toArray();
        float[] windows = test.features().toArray();
        int n = test.size(), h = layout.horizon(), w = layout.window();
        double se = 0, lastSe = 0;
        double[] truth = new double[n], forecast = new double[n];
        for (int i = 0; i < n; i++) {
            double last = layout.original(windows[i * w + w - 1]);
            for (int k = 0; k < h; k++) {
                double t = layout.original(targets[i * h + k]), p = layout.original(predicted[i * h + k]);
                se += (p - t) * (p - t);
                lastSe += (last - t) * (last - t);
            }
            truth[i] = layout.original(targets[i * h + h - 1]);
            forecast[i] = layout.original(predicted[i * h + h - 1]);
        }
        return new ForecastReport(
                layout, Math.sqrt(se / ((double) n * h)), Math.sqrt(lastSe / ((double) n * h)), truth, forecast);
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "forecast of %s, %d step%s ahead: test RMSE %.4f (in %s's units) against %.4f for repeating the last value",
                layout.column(),
                layout.horizon(),
                layout.horizon() == 1 ? "" : "s",
                rmse,
                layout.column(),
                lastValueRmse);
    }

    void plot(Path file) {
        Plots.forecast(
                truth,
                forecast,
                String.format(
                        Locale.ROOT,
                        "%s, %d step%s ahead (test part): RMSE %.3f, last value %.3f",
                        layout.column(),
                        layout.horizon(),
                        layout.horizon() == 1 ? "" : "s",
                        rmse,
                        lastValueRmse),
                layout.column(),
                file);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", layout.column());
        m.put("window", layout.window());
        m.put("horizon", layout.horizon());
        m.put("rmse", rmse);
        m.put("last_value_rmse", lastValueRmse);
        return m;
    }
}
