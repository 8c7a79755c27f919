package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyMemoryTest {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  @Test
  void bodiesTakeRoomUpToTheLimit_andNoMore() {
    BodyMemory memory = new BodyMemory(100 * KIB, 100 * KIB);
    BodyMemory.Share first = memory.share();
    BodyMemory.Share second = memory.share();

    assertThat(first.grow(60 * KIB)).isTrue();
    assertThat(second.grow(41 * KIB)).isFalse();
    assertThat(second.grow(40 * KIB)).isTrue();

    assertThat(memory.held()).isEqualTo(100 * KIB);
    assertThat(second.bytes()).isEqualTo(40 * KIB);
  }

  @Test
  void largeArrays_shareTheSmallerBound_leavingRoomForSmallOnes() {
    BodyMemory memory = new BodyMemory(4 * MIB, 2 * MIB);
    BodyMemory.Share large = memory.share();
    BodyMemory.Share another = memory.share();
    BodyMemory.Share small = memory.share();

    assertThat(large.grow(3 * MIB / 2)).isTrue();
    assertThat(another.grow(MIB)).isFalse();
    for (int i = 0; i < 16; i++) {
      assertThat(small.grow(64 * KIB)).isTrue();
    }

    assertThat(memory.held()).isEqualTo(5 * MIB / 2);
  }

  @Test
  void shrinking_andReleasing_giveTheBytesBack_once() {
    BodyMemory memory = new BodyMemory(MIB, MIB);
    BodyMemory.Share share = memory.share();
    share.grow(300 * KIB);
    share.grow(600 * KIB);

    share.shrink(300 * KIB);
    assertThat(memory.held()).isEqualTo(600 * KIB);

    share.release();
    share.release();
    assertThat(memory.held()).isZero();
    assertThat(share.bytes()).isZero();
  }

  @Test
  void forHeap_givesBodiesThreeEighths_andLargeOnesAQuarter() {
    BodyMemory memory = BodyMemory.forHeap(384 * MIB);
    BodyMemory.Share large = memory.share();
    BodyMemory.Share small = memory.share();

    assertThat(large.grow(96 * MIB + 1)).isFalse();
    assertThat(large.grow(96 * MIB)).isTrue();
    for (int i = 0; i < 48 * 16; i++) {
      assertThat(small.grow(64 * KIB)).isTrue();
    }
    assertThat(small.grow(1)).isFalse();
  }
}
