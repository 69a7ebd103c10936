package spark

import "testing"

func TestMemoryModel(t *testing.T) {
	t.Parallel()
	if MinHeap != 450*MiB {
		t.Errorf("MinHeap = %d, want 450 MiB", MinHeap)
	}
	// a 4g executor has (4096 - 300) × 0.6 ≈ 2278 MiB of unified memory
	if got := UsableMemory(4*GiB, 0.6) / MiB; got != 2277 {
		t.Errorf("UsableMemory(4g) = %d MiB, want 2277", got)
	}
	// heap 2g gives ≈ 1049 MiB
	if got := UsableMemory(2*GiB, 0.6); got/MiB != 1048 {
		t.Errorf("UsableMemory(2g) = %d MiB, want 1048", got/MiB)
	}
	if got := UsableMemory(2*GiB, 0); got != UsableMemory(2*GiB, DefaultMemoryFraction) {
		t.Errorf("UsableMemory with fraction 0 = %d, want the default fraction", got)
	}
	if got, usable := UsableMemory(1*GiB, 0.8), float64(724*MiB); got != int64(usable*0.8) {
		t.Errorf("UsableMemory(1g, 0.8) = %d", got)
	}
	if got := UsableMemory(200*MiB, 0.6); got != 0 {
		t.Errorf("UsableMemory(200m) = %d, want 0", got)
	}

	tests := []struct {
		heap int64
		want int64
	}{
		{1 * GiB, 384 * MiB}, // 10% is 102 MiB, the minimum wins
		{2560 * MiB, 384 * MiB},
		{4 * GiB, 409 * MiB}, // 409.6 truncated
		{8 * GiB, 819 * MiB},
		{3840 * MiB, 384 * MiB},
	}
	for _, tt := range tests {
		if got := OverheadBytes(tt.heap, DefaultOverheadFactor, DefaultMinOverhead); got != tt.want {
			t.Errorf("OverheadBytes(%d MiB) = %d MiB, want %d MiB", tt.heap/MiB, got/MiB, tt.want/MiB)
		}
	}
	if got := OverheadBytes(4*GiB, 0.4, 384*MiB); got != 1638*MiB {
		t.Errorf("OverheadBytes(4g, 0.4) = %d MiB, want 1638", got/MiB)
	}
}
