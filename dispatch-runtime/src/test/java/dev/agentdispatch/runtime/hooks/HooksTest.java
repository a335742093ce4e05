package dev.agentdispatch.runtime.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HooksTest {
  @Test
  void afterHooksFormATransformChainLeftToRight() {
    // Appending does not commute, so a chain run right to left (or each hook fed the original
    // value) gives another string.
    Hook appendA =
        new Hook() {
          @Override
          public Object afterModel(HookContext ctx, Object r) {
            return r + "-a";
          }
        };
    Hook appendB =
        new Hook() {
          @Override
          public Object afterModel(HookContext ctx, Object r) {
            return r + "-b";
          }
        };
    HookContext ctx = new HookContext("r", "p");
    assertThat(Hooks.afterModel(List.of(appendA, appendB), ctx, "x")).isEqualTo("x-a-b");
    assertThat(Hooks.afterModel(List.of(appendB, appendA), ctx, "x")).isEqualTo("x-b-a");
    Hook nuller =
        new Hook() {
          @Override
          public Object afterTool(HookContext ctx, Object r) {
            return null;
          }
        };
    assertThat(Hooks.afterTool(List.of(nuller), ctx, "x")).isNull(); // a null is used literally
  }

  @Test
  void redactPii() {
    RedactPiiHook hook = new RedactPiiHook();
    HookContext ctx = new HookContext("r", "p");
    ctx.prompt("mail me at jane.doe@example.com, SSN 123-45-6789, from 10.0.0.1");
    hook.beforeModel(ctx);
    assertThat(ctx.prompt()).contains("mail me at [REDACTED], SSN [REDACTED], from [REDACTED]");
    ctx.args().put("card", "4111 1111 1111 1111");
    ctx.args().put("nested", Map.of("token", "a".repeat(40)));
    hook.beforeTool(ctx);
    assertThat(ctx.args().get("card")).isEqualTo("[REDACTED]");
    assertThat(ctx.args().get("nested")).isEqualTo(Map.of("token", "[REDACTED]"));
    assertThat(hook.afterModel(ctx, List.of("x@y.io", 3))).isEqualTo(List.of("[REDACTED]", 3));
  }

  @Test
  void redactPiiRefusesAnEmptyPatternList() {
    assertThatThrownBy(() -> new RedactPiiHook(List.of(), "[REDACTED]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("patterns must not be empty");
  }

  @Test
  void tokenBudget() {
    TokenBudgetCheckHook hook = new TokenBudgetCheckHook(10);
    HookContext ctx = new HookContext("r", "p");
    ctx.model("m");
    ctx.prompt("x".repeat(43)); // 43 / 4 = 10: at the limit
    hook.beforeModel(ctx);
    ctx.prompt("x".repeat(44));
    assertThatThrownBy(() -> hook.beforeModel(ctx))
        .isInstanceOf(HookBudgetExceededException.class)
        .satisfies(e -> assertThat(((HookBudgetExceededException) e).estimated()).isEqualTo(11));
    TokenBudgetCheckHook rounding = new TokenBudgetCheckHook(1, p -> 1.2);
    assertThatThrownBy(() -> rounding.beforeModel(ctx))
        .isInstanceOf(HookBudgetExceededException.class);
    assertThatThrownBy(() -> new TokenBudgetCheckHook(0))
        .hasMessageContaining("token_limit must be > 0");
  }

  @Test
  void logHookTruncates() {
    LogModelIoHook hook =
        new LogModelIoHook(System.getLogger("test"), System.Logger.Level.DEBUG, true, true, 3);
    assertThat(hook.truncate("abcdef")).isEqualTo("abc…(truncated)");
    HookContext ctx = new HookContext("r", "p");
    hook.beforeModel(ctx);
    assertThat(hook.afterModel(ctx, "res")).isEqualTo("res");
  }
}
