package ingest

import "testing"

// TestPseudonymsReuseTheirHMAC: the memo, which resets one keyed HMAC
// between learners, gives Pseudonym's value for each.
func TestPseudonymsReuseTheirHMAC(t *testing.T) {
	p := &pseudonyms{salt: "salt"}
	for _, id := range []string{"1", "2180780", "10967193", "1", ""} {
		if got, want := p.of(id), Pseudonym("salt", id); got != want {
			t.Errorf("of(%q) = %s, Pseudonym gives %s", id, got, want)
		}
	}
}
