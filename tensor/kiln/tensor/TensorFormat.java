package kiln.tensor;

import java.util.Locale;

/**
 * NumPy's {@code str(array)} layout: nested brackets, elements aligned on the decimal point, floats
 * that are whole printed as {@code 1.}, scientific notation when magnitudes span too far, and
 * tensors over 1000 elements summarised to 3 items per edge with {@code ...}.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int PRECISION = 8;

    private TensorFormat() {}

    static String format(Tensor t) {
        float[] v = t.toFloatArray();
        boolean ints = t.dtype() == DType.INT32;
        boolean summarise = v.length > THRESHOLD;
        int[] dims = t.dims();
        int[] strides = t.shape().contiguousStrides();
        boolean sci = !ints && needsScientific(v, summarise, dims, strides);
        // Pass 1 chooses the column widths from the elements that will be printed.
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!summarise || visible(i, dims, strides)) {
                s[i] = ints ? Integer.toString((int) v[i]) : number(v[i], sci);
            }
        }
        if (sci) {
            padMantissas(s);
        }
        int intW = 0;
        int fracW = 0;
        int nonFiniteW = 0;
        for (int i = 0; i < v.length; i++) {
            if (s[i] == null) {
                continue;
            }
            if (!ints && !Float.isFinite(v[i])) {
                nonFiniteW = Math.max(nonFiniteW, s[i].length()); // "nan", "-inf": right-aligned in the column
                continue;
            }
            int dot = s[i].indexOf('.');
            int ip = dot < 0 ? s[i].length() : dot;
            intW = Math.max(intW, ip);
            fracW = Math.max(fracW, s[i].length() - ip);
        }
        intW = Math.max(intW, nonFiniteW - fracW);
        StringBuilder sb = new StringBuilder();
        if (dims.length == 0) {
            return s[0];
        }
        write(sb, s, dims, strides, 0, 0, intW, fracW, summarise);
        return sb.toString();
    }

    private static void write(StringBuilder sb, String[] s, int[] dims, int[] strides, int axis, int base,
                              int intW, int fracW, boolean summarise) {
        sb.append('[');
        int n = dims[axis];
        boolean cut = summarise && n > 2 * EDGE;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE) {
                sb.append(axis == dims.length - 1 ? "... " : "...\n" + " ".repeat(axis + 1)
                        + "\n".repeat(Math.max(0, dims.length - axis - 2)));
                i = n - EDGE;
            }
            int at = base + i * strides[axis];
            if (axis == dims.length - 1) {
                sb.append(pad(s[at], intW, fracW));
                if (i < n - 1) {
                    sb.append(' ');
                }
            } else {
                write(sb, s, dims, strides, axis + 1, at, intW, fracW, summarise);
                if (i < n - 1) {
                    sb.append('\n').append("\n".repeat(dims.length - axis - 2)).append(" ".repeat(axis + 1));
                }
            }
        }
        sb.append(']');
    }

    private static boolean visible(int flat, int[] dims, int[] strides) {
        for (int a = 0; a < dims.length; a++) {
            int i = (flat / strides[a]) % dims[a];
            if (dims[a] > 2 * EDGE && i >= EDGE && i < dims[a] - EDGE) {
                return false;
            }
        }
        return true;
    }

    /** NumPy's rule over the printed finite non-zero elements: max ≥ 1e8, min < 1e-4 or max/min > 1e3. */
    private static boolean needsScientific(float[] v, boolean summarise, int[] dims, int[] strides) {
        double maxAbs = 0;
        double minAbs = Double.MAX_VALUE;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (Float.isFinite(x) && x != 0 && (!summarise || visible(i, dims, strides))) {
                maxAbs = Math.max(maxAbs, Math.abs(x));
                minAbs = Math.min(minAbs, Math.abs(x));
            }
        }
        return maxAbs >= 1e8 || (maxAbs > 0 && (minAbs < 1e-4 || maxAbs / minAbs > 1e3));
    }

    /** NumPy gives every mantissa as many digits as the longest one: {@code 0.000e+00} beside {@code 1.997e+03}. */
    private static void padMantissas(String[] s) {
        int digits = 0;
        for (String x : s) {
            if (x != null && x.indexOf('e') > 0) {
                digits = Math.max(digits, x.indexOf('e') - x.indexOf('.') - 1);
            }
        }
        for (int i = 0; i < s.length; i++) {
            if (s[i] != null && s[i].indexOf('e') > 0) {
                int e = s[i].indexOf('e');
                s[i] = s[i].substring(0, e) + "0".repeat(digits - (e - s[i].indexOf('.') - 1)) + s[i].substring(e);
            }
        }
    }

    private static String number(float x, boolean sci) {
        if (Float.isNaN(x)) {
            return "nan";
        }
        if (Float.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (sci && x == 0) { // BigDecimal("0.0") would print with exponent -1
            return (Float.floatToRawIntBits(x) < 0 ? "-0." : "0.") + "e+00";
        }
        if (sci) {
            // Format the shortest decimal that round-trips the float (as NumPy does), not its binary expansion.
            String m = String.format(Locale.ROOT, "%." + PRECISION + "e", new java.math.BigDecimal(Float.toString(x)));
            int e = m.indexOf('e');
            String mant = trim(m.substring(0, e));
            int exp = Integer.parseInt(m.substring(e + 1));
            return mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        return trim(new java.math.BigDecimal(Float.toString(x)).setScale(PRECISION, java.math.RoundingMode.HALF_EVEN)
                .toPlainString());
    }

    /** Drops trailing zeros but keeps the point: "1.50000" → "1.5", "2.000" → "2.". */
    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s + ".";
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String pad(String s, int intW, int fracW) {
        int dot = s.indexOf('.');
        if (dot < 0) { // ints, nan, inf: right-aligned to the whole column
            return " ".repeat(Math.max(0, intW + fracW - s.length())) + s;
        }
        int ip = dot;
        return " ".repeat(intW - ip) + s + " ".repeat(Math.max(0, fracW - (s.length() - ip)));
    }
}
