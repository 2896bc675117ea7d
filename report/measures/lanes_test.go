package measures

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/report/ingest"
	"github.com/moocreport/moocreport/report/study"
)

// TestLanes computes the example study with the steps in two lanes and
// one after the other: every measure, block and disclosure entry must be
// the same, in the same order. The example withholds values in several
// runs of Compute, so the join's ledger and forced withholdings count.
func TestLanes(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole example study")
	}
	s, err := study.Load("../../study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := ingest.Load(s)
	if err != nil {
		t.Fatal(err)
	}
	lanes, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	oneLane = true
	defer func() { oneLane = false }()
	one, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(lanes.Disclosure) == 0 {
		t.Fatal("the example withholds nothing: the test would not see the ledger's join")
	}
	var diffs []string
	differ("", reflect.ValueOf(lanes).Elem(), reflect.ValueOf(one).Elem(), &diffs)
	for _, d := range diffs {
		t.Errorf("two lanes and one differ at Result%s", d)
	}
}

// differ adds to diffs where a and b differ, as reflect.DeepEqual would
// find them but with NaN equal to NaN (a withheld value in a chart's
// series is NaN), up to ten places.
func differ(path string, a, b reflect.Value, diffs *[]string) {
	if len(*diffs) >= 10 {
		return
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				*diffs = append(*diffs, path+": nil in one only")
			}
			return
		}
		differ(path, a.Elem(), b.Elem(), diffs)
	case reflect.Struct:
		for i := range a.NumField() {
			differ(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i), diffs)
		}
	case reflect.Slice, reflect.Array:
		if a.Kind() == reflect.Slice && a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			*diffs = append(*diffs, fmt.Sprintf("%s: %d elements against %d (nil: %t, %t)", path, a.Len(), b.Len(), a.Kind() == reflect.Slice && a.IsNil(), b.Kind() == reflect.Slice && b.IsNil()))
			return
		}
		for i := range a.Len() {
			differ(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), diffs)
		}
	case reflect.Map:
		if a.Len() != b.Len() {
			*diffs = append(*diffs, fmt.Sprintf("%s: %d keys against %d", path, a.Len(), b.Len()))
			return
		}
		for it := a.MapRange(); it.Next(); {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() {
				*diffs = append(*diffs, fmt.Sprintf("%s[%v]: in one only", path, it.Key()))
				continue
			}
			differ(fmt.Sprintf("%s[%v]", path, it.Key()), it.Value(), bv, diffs)
		}
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		if x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
			*diffs = append(*diffs, fmt.Sprintf("%s: %v against %v", path, x, y))
		}
	case reflect.Func:
		if !a.IsNil() || !b.IsNil() {
			*diffs = append(*diffs, path+": a function, which cannot be compared")
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			*diffs = append(*diffs, fmt.Sprintf("%s: %v against %v", path, a, b))
		}
	}
}
