package dev.agentdispatch.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationMemoryTest {
  private static MemoryMessage system(String s) {
    return new MemoryMessage("system", s);
  }

  private static MemoryMessage user(String s) {
    return new MemoryMessage("user", s);
  }

  private static List<String> contents(ConversationMemory m) {
    return m.messages().stream().map(MemoryMessage::content).toList();
  }

  @Test
  void noCompactionKeepsEverythingInOrder() {
    InMemoryConversationMemory m =
        new InMemoryConversationMemory(Compaction.NONE, List.of(system("be brief")));
    m.add(user("a"));
    m.add(new MemoryMessage("assistant", "b"));
    assertThat(contents(m)).containsExactly("be brief", "a", "b");
    m.clear();
    assertThat(m.messages()).isEmpty();
  }

  @Test
  void aWindowDropsTheOldestAndKeepsSystemMessages() {
    InMemoryConversationMemory m =
        new InMemoryConversationMemory(new WindowCompaction(3), List.of(system("sys")));
    for (String s : List.of("1", "2", "3", "4")) {
      m.add(user(s));
    }
    assertThat(contents(m)).containsExactly("sys", "3", "4");
    InMemoryConversationMemory plain =
        new InMemoryConversationMemory(new WindowCompaction(3, false), List.of(system("sys")));
    for (String s : List.of("1", "2", "3")) {
      plain.add(user(s));
    }
    assertThat(contents(plain)).containsExactly("1", "2", "3");
    assertThatThrownBy(() -> new WindowCompaction(0)).hasMessage("max_messages must be > 0, got 0");
  }

  @Test
  void aTokenBudgetDropsTheOldestAndKeepsSystemMessagesEvenOverBudget() {
    // ceil(len/4), at least 1: 8 chars are 2 tokens, 9 chars 3, "" 1.
    assertThat(TokenBudgetCompaction.DEFAULT_ESTIMATOR.applyAsInt("x".repeat(8))).isEqualTo(2);
    assertThat(TokenBudgetCompaction.DEFAULT_ESTIMATOR.applyAsInt("x".repeat(9))).isEqualTo(3);
    assertThat(TokenBudgetCompaction.DEFAULT_ESTIMATOR.applyAsInt("")).isEqualTo(1);

    InMemoryConversationMemory m =
        new InMemoryConversationMemory(new TokenBudgetCompaction(6), List.of());
    m.add(system("x".repeat(8))); // 2
    m.add(user("a".repeat(8))); // 2 -> 4
    m.add(user("b".repeat(8))); // 2 -> 6: at the budget, kept
    assertThat(m.messages()).hasSize(3);
    m.add(user("c".repeat(4))); // 1 -> 7: the oldest non-system message goes
    assertThat(contents(m)).containsExactly("x".repeat(8), "b".repeat(8), "c".repeat(4));

    InMemoryConversationMemory over =
        new InMemoryConversationMemory(new TokenBudgetCompaction(2), List.of());
    over.add(system("s".repeat(40))); // 10 tokens alone
    over.add(user("hello"));
    assertThat(contents(over)).containsExactly("s".repeat(40));
    assertThatThrownBy(() -> new TokenBudgetCompaction(0))
        .hasMessage("max_tokens must be > 0, got 0");
  }
}
