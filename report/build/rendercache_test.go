package build

import (
	"strings"
	"testing"
)

// TestBundle: what a PDF makes of many small contents (its pages
// compressed, its small attachments) is made again only for the contents
// the last PDF did not have; the entry keeps the last PDF's only; a
// damaged entry is reported and everything made again; what is made of
// the same content for two kinds is two items.
func TestBundle(t *testing.T) {
	var log strings.Builder
	c := &Cache{Dir: t.TempDir(), Log: &log}
	made := 0
	build := func(contents ...string) int {
		t.Helper()
		made = 0
		b := c.bundleOf("render", "0123456789abcdef")
		for _, s := range contents {
			got, err := b.get("test", []byte(s), func() ([]byte, error) { made++; return []byte("z:" + s), nil })
			if err != nil || string(got) != "z:"+s {
				t.Errorf("%s gives %q, %v; want %q", s, got, err, "z:"+s)
			}
		}
		b.store()
		return made
	}
	steps := []struct {
		name     string
		damage   bool
		contents []string
		made     int
	}{
		{"first PDF", false, []string{"a", "b", "b"}, 2},
		{"the same PDF", false, []string{"a", "b"}, 0},
		{"one content changed", false, []string{"a", "c"}, 1},
		{"a content the last PDF did not have", false, []string{"b"}, 1},
		{"damaged entry", true, []string{"b"}, 1},
	}
	for _, st := range steps {
		if st.damage {
			damageKind(t, c.Dir, "render")
		}
		if got := build(st.contents...); got != st.made {
			t.Errorf("%s: %d made, want %d", st.name, got, st.made)
		}
	}
	b := c.bundleOf("render", "0123456789abcdef")
	made = 0
	for _, ns := range []string{"one kind", "another"} {
		b.get(ns, []byte("same content"), func() ([]byte, error) { made++; return []byte(ns), nil })
	}
	if got, _ := b.get("another", []byte("same content"), nil); made != 2 || string(got) != "another" {
		t.Errorf("two kinds of the same content: %d made, the second gives %q", made, got)
	}
	if !strings.Contains(log.String(), "damaged") {
		t.Errorf("the damaged entry was not reported: %q", log.String())
	}
	if c.bundleOf("render", "0123456789abcdef") == nil || (*Cache)(nil).bundleOf("render", "k") != nil {
		t.Errorf("a cache gives a bundle, no cache none")
	}
}
