package ingest

import "testing"

// TestFoldWordShortWay: the ASCII short way of foldWord gives what fold
// gives, for every ASCII character alone and in words.
func TestFoldWordShortWay(t *testing.T) {
	words := []string{"Anderson_S3", "dPerez48", "O`Brien", "o'neil", "MARIA-JOSÉ", "Ørsted", "plain", ""}
	for c := 0; c < 128; c++ {
		words = append(words, string(rune(c)), "Ab"+string(rune(c))+"Cd")
	}
	for _, w := range words {
		if got, want := foldWord(w), fold(w).text; got != want {
			t.Errorf("foldWord(%q) = %q, fold gives %q", w, got, want)
		}
	}
}
