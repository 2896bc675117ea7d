package charts

import (
	"math"
	"reflect"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

func TestSegments(t *testing.T) {
	tests := []struct {
		name     string
		vals     []float64
		want     []segment
		withheld int
	}{
		{"odd scale: the middle straddles zero", []float64{10, 20, 30, 25, 15},
			[]segment{{2, -15, 15}, {1, -35, -15}, {0, -45, -35}, {3, 15, 40}, {4, 40, 55}}, 0},
		{"even scale: halves meet at zero", []float64{10, 20, 30, 40},
			[]segment{{1, -20, 0}, {0, -30, -20}, {2, 0, 30}, {3, 30, 70}}, 0},
		{"an empty level takes no room but keeps its place", []float64{0, 20, 40, 40, 0},
			[]segment{{2, -20, 20}, {1, -40, -20}, {0, -40, -40}, {3, 20, 60}, {4, 60, 60}}, 0},
		{"a withheld level takes no room and is counted", []float64{math.NaN(), 20, 40, 30, 10},
			[]segment{{2, -20, 20}, {1, -40, -20}, {0, -40, -40}, {3, 20, 50}, {4, 50, 60}}, 1},
		{"one level: all of it around zero", []float64{100}, []segment{{0, -50, 50}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, withheld := segments(tt.vals)
			if !reflect.DeepEqual(got, tt.want) || withheld != tt.withheld {
				t.Errorf("segments(%v) = %v, %d; want %v, %d", tt.vals, got, withheld, tt.want, tt.withheld)
			}
		})
	}
}

func TestDivergingColors(t *testing.T) {
	tests := []struct {
		name string
		n    int
		want []drawing.Color
	}{
		{"five levels are the stops", 5, divergingStops},
		{"three levels: the ends and the grey", 3, []drawing.Color{hex(0xCA0020), hex(0xDDDDDD), hex(0x0571B0)}},
		{"two levels: the ends", 2, []drawing.Color{hex(0xCA0020), hex(0x0571B0)}},
		{"one level: grey", 1, []drawing.Color{hex(0xDDDDDD)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := divergingColors(tt.n); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("divergingColors(%d) = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
	// Every size keeps the red end low, the blue end high, the grey in the
	// middle of odd scales, and no two levels the same colour.
	for n := 2; n <= 11; n++ {
		cs := divergingColors(n)
		if cs[0] != divergingStops[0] || cs[n-1] != divergingStops[4] {
			t.Errorf("%d levels: ends %v %v", n, cs[0], cs[n-1])
		}
		if n%2 == 1 && cs[n/2] != divergingStops[2] {
			t.Errorf("%d levels: middle %v, want grey", n, cs[n/2])
		}
		seen := map[drawing.Color]bool{}
		for _, c := range cs {
			if seen[c] {
				t.Errorf("%d levels: %v twice", n, c)
			}
			seen[c] = true
		}
	}
}

func TestWrap(t *testing.T) {
	m, err := measurer(Width)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		max  float64
		want []string
	}{
		{"short: one line", "The workload was manageable", 220, []string{"The workload was manageable"}},
		{"long: two lines", "I can explain how automated vehicles perceive their surroundings", 220,
			[]string{"I can explain how automated vehicles", "perceive their surroundings"}},
		{"longer: the second line ends in an ellipsis", "I can explain how automated vehicles perceive their surroundings and decide what to do next", 220,
			[]string{"I can explain how automated vehicles", "perceive their surroundings and decide…"}},
		{"one word too long is shortened", "Supercalifragilisticexpialidocious", 60, []string{"Supercal…"}},
		{"empty", "", 220, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.wrap(tt.in, sizeTick, tt.max, 2)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("wrap(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, l := range got {
				if w := m.width(l, sizeTick); w > tt.max {
					t.Errorf("line %q is %.1f px, over %v", l, w, tt.max)
				}
			}
		})
	}
}

func TestDivergingNote(t *testing.T) {
	tests := []struct {
		name        string
		whole, part bool
		want        string
	}{
		{"nothing withheld: no note", false, false, ""},
		{"a whole item", true, false, "withheld: too few answers to show the item."},
		{"part of an item", false, true, "part withheld: some levels not shown, the bar is short of 100 %."},
		{"both", true, true, "withheld: too few answers to show the item; part withheld: some levels not shown, the bar is short of 100 %."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := divergingNote(tt.whole, tt.part); got != tt.want {
				t.Errorf("divergingNote(%v, %v) = %q, want %q", tt.whole, tt.part, got, tt.want)
			}
		})
	}
}
