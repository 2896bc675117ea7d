package report

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"math"
)

// Cells and test results are kept in the build cache with encoding/gob,
// which leaves out a pointer to a zero value (a cell whose number is 0
// would come back with no number) and gives back an empty slice as nil (an
// "n": [] as null). Their own encodings keep both exactly.

// GobEncode writes the cell's text, whether it has a number and which, and
// its withheld kind.
func (c Cell) GobEncode() ([]byte, error) {
	b := appendString(nil, c.Text)
	if c.Value != nil {
		b = append(b, 1)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*c.Value))
	} else {
		b = append(b, 0)
	}
	return appendString(b, string(c.Withheld)), nil
}

// GobDecode reads what GobEncode wrote.
func (c *Cell) GobDecode(b []byte) error {
	text, b, err := readString(b)
	if err != nil {
		return err
	}
	*c = Cell{Text: text}
	if len(b) < 1 {
		return errCellGob
	}
	if b[0] == 1 {
		if len(b) < 9 {
			return errCellGob
		}
		v := math.Float64frombits(binary.LittleEndian.Uint64(b[1:9]))
		c.Value, b = &v, b[9:]
	} else {
		b = b[1:]
	}
	w, _, err := readString(b)
	c.Withheld = Withheld(w)
	return err
}

var errCellGob = errors.New("report: damaged cell encoding")

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func readString(b []byte) (string, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, errCellGob
	}
	return string(b[k : k+int(n)]), b[k+int(n):], nil
}

// testResultGob is a TestResult with its optional numbers and the
// presence of its slices made explicit.
type testResultGob struct {
	Name, Statistic, Effect             string
	Value, Z, PHolm, EffectValue        float64
	HasValue, HasZ, HasPHolm, HasEffect bool
	DF                                  []float64
	P                                   float64
	EffectCI                            *Interval
	N                                   []int
	HasDF, HasN                         bool
}

// GobEncode writes the test result so that GobDecode gives it back exactly.
func (t TestResult) GobEncode() ([]byte, error) {
	g := testResultGob{Name: t.Name, Statistic: t.Statistic, Effect: t.Effect, DF: t.DF, P: t.P, EffectCI: t.EffectCI, N: t.N,
		HasDF: t.DF != nil, HasN: t.N != nil}
	set := func(p *float64, v *float64, has *bool) {
		if p != nil {
			*v, *has = *p, true
		}
	}
	set(t.Value, &g.Value, &g.HasValue)
	set(t.Z, &g.Z, &g.HasZ)
	set(t.PHolm, &g.PHolm, &g.HasPHolm)
	set(t.EffectValue, &g.EffectValue, &g.HasEffect)
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(g)
	return b.Bytes(), err
}

// GobDecode reads what GobEncode wrote.
func (t *TestResult) GobDecode(b []byte) error {
	var g testResultGob
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&g); err != nil {
		return err
	}
	*t = TestResult{Name: g.Name, Statistic: g.Statistic, Effect: g.Effect, DF: g.DF, P: g.P, EffectCI: g.EffectCI, N: g.N}
	if g.HasDF && t.DF == nil {
		t.DF = []float64{}
	}
	if g.HasN && t.N == nil {
		t.N = []int{}
	}
	get := func(has bool, v float64) *float64 {
		if !has {
			return nil
		}
		return &v
	}
	t.Value, t.Z, t.PHolm, t.EffectValue = get(g.HasValue, g.Value), get(g.HasZ, g.Z), get(g.HasPHolm, g.PHolm), get(g.HasEffect, g.EffectValue)
	return nil
}
