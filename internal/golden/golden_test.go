package golden

import "testing"

func TestFirstDiff(t *testing.T) {
	for _, c := range []struct{ name, got, want, say string }{
		{"a changed line", "a\nb\nc", "a\nx\nc", "line 2:\n got: b\nwant: x\n"},
		{"a shorter output", "a\n", "a\nb", "line 2:\n got: \nwant: b\n"},
		{"a longer output", "a\nb", "a", "line 2:\n got: b\nwant: (end of file)\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := firstDiff([]byte(c.got), []byte(c.want)); got != c.say {
				t.Errorf("firstDiff = %q, want %q", got, c.say)
			}
		})
	}
}
