package dev.agentdispatch.server.doors.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by
 * Selenium. Tests skip with a hint when either is missing, except under CI, where they must run.
 */
final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path userData;

  private Browser(ChromeDriver driver, Path userData) {
    this.driver = driver;
    this.userData = userData;
  }

  /** A fresh browser at 1280×800, or a skipped test when the system has none. */
  static Browser start() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!present && !"true".equals(System.getenv("CI"))) {
      Assumptions.abort(
          "dashboard browser tests need Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver); they run under CI=true");
    }
    assertThat(present).as("CI=true: chromium and chromedriver must be installed").isTrue();
    try {
      Path userData = Files.createTempDirectory("dash-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1280,800",
          "--user-data-dir=" + userData);
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1280, 800));
      // The viewport itself 1280×800, whatever the window's frame takes.
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
      return new Browser(driver, userData);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits (up to 20 s) until {@code condition} holds. */
  <T> T await(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class) // the page re-renders as data arrives
        .until(condition);
  }

  /** Waits for an element matching {@code css} and returns it. */
  WebElement find(String css) {
    return await(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  /** Waits until the page's main area contains {@code text}. */
  void awaitText(String text) {
    await(d -> d.findElement(By.id("main")).getText().contains(text));
  }

  String mainText() {
    return driver.findElement(By.id("main")).getText();
  }

  /** The browser console's errors since the last call (reading them empties the buffer). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Saves the window as {@code target/dashboard-screenshots/<name>.png}. */
  void screenshot(String name) {
    try {
      Path dir = Path.of("target", "dashboard-screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Empties the tab's session storage (the API key lives there). */
  void forgetSession() {
    driver.executeScript("sessionStorage.clear()");
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(userData)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
