# Sourced by ./mvnw and ./dispatch: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then the folders where Linux distributions and
# vendors install JDKs (newest first), then the java on PATH.

_jdk_major() {
  # Prints the feature version of the JDK in $1, or nothing when $1 is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_jdk_ok() {
  local v
  v=$(_jdk_major "$1")
  [ -n "$v" ] && [ "$v" -ge 21 ]
}

find_jdk21() {
  if [ -n "${JAVA_HOME:-}" ] && _jdk_ok "$JAVA_HOME"; then
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
               /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    if _jdk_ok "$d"; then
      export JAVA_HOME="$d"
      return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if _jdk_ok "$d"; then
      export JAVA_HOME="$d"
      return 0
    fi
  fi
  {
    echo "error: Agent Dispatch needs a JDK 21 or newer, and none was found."
    echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /usr/java, /opt/java and the javac on PATH."
    echo "  Install one, for example 'apt-get install openjdk-21-jdk' (Debian/Ubuntu) or Temurin 21+,"
    echo "  or point JAVA_HOME at an installed JDK 21+."
  } >&2
  return 1
}
