package dev.agentdispatch.runtime.quality;

import java.util.Locale;

/** Ordered quality levels: MINIMAL(1) &lt; STANDARD(2) &lt; STRICT(3) &lt; RELEASE(4). */
public enum QualityLevel {
  MINIMAL(1),
  STANDARD(2),
  STRICT(3),
  RELEASE(4);

  private final int level;

  QualityLevel(int level) {
    this.level = level;
  }

  public int level() {
    return level;
  }

  /** The title-cased name, e.g. "Minimal". */
  public String label() {
    String n = name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  /** {@code this >= other}. */
  public boolean atLeast(QualityLevel other) {
    return level >= other.level;
  }

  /** The level with this integer value (the Python gate coerces plain ints). */
  public static QualityLevel ofLevel(int level) {
    for (QualityLevel q : values()) {
      if (q.level == level) {
        return q;
      }
    }
    throw new IllegalArgumentException("quality level must be 1..4, got " + level);
  }
}
