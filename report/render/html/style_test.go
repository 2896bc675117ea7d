package html

import (
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/moocreport/moocreport/templates"
)

// TestStyleContrast keeps the default stylesheet's colour pairs at WCAG 2.1
// AA: 4.5:1 for text, 3:1 for focus rings and rules (non-text contrast).
func TestStyleContrast(t *testing.T) {
	css, err := templates.FS.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6});`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	tests := []struct {
		fg, bg string
		min    float64
	}{
		{"text", "bg", 4.5},
		{"text", "th-bg", 4.5},
		{"muted", "bg", 4.5},
		{"muted", "stripe", 4.5},
		{"link", "bg", 4.5},
		{"link", "stripe", 4.5},
		{"link", "th-bg", 4.5},
		{"link-visited", "bg", 4.5},
		{"link-visited", "stripe", 4.5},
		{"head-text", "head-bg", 4.5},
		{"focus-edge", "focus", 4.5},
		{"focus", "head-bg", 3},
		{"focus-edge", "bg", 3},
		{"rule", "bg", 3},
	}
	for _, tt := range tests {
		fg, bg := vars[tt.fg], vars[tt.bg]
		if fg == "" || bg == "" {
			t.Errorf("style.css lacks --%s or --%s", tt.fg, tt.bg)
			continue
		}
		if got := contrast(fg, bg); got < tt.min {
			t.Errorf("--%s %s on --%s %s: contrast %.2f:1, want at least %.1f:1", tt.fg, fg, tt.bg, bg, got, tt.min)
		}
	}
}

// contrast is the WCAG 2.1 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		x := float64(v) / 255
		if x <= 0.03928 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
