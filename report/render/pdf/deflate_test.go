package pdf

import (
	"bytes"
	"compress/zlib"
	"strings"
	"testing"
)

// TestDeflateSameAsNewWriter: Deflate reuses its writers, and still
// writes, call after call, exactly what a new writer at its level writes,
// so attachments keep their bytes whatever was compressed before.
func TestDeflateSameAsNewWriter(t *testing.T) {
	for _, in := range []string{"", "a", strings.Repeat("course,week,learners\nEAT,1,120\n", 5000), "id,value\n", strings.Repeat("x", 70000)} {
		var want bytes.Buffer
		w, _ := zlib.NewWriterLevel(&want, zlib.BestCompression)
		w.Write([]byte(in))
		w.Close()
		for range 3 {
			got, err := Deflate([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("Deflate of %d bytes differs from a new writer's", len(in))
			}
		}
	}
}
