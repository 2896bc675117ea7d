package study

import (
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	tests := []struct {
		name, limits string
		want         Limits // after Or
		err          string
	}{
		{name: "absent: the defaults", want: DefaultLimits},
		{name: "binary and decimal units, bytes", limits: "limits:\n  max_field: 512KiB\n  max_record: 2MB\n  max_line: 4096\n",
			want: Limits{MaxField: 512 << 10, MaxRecord: 2e6, MaxLine: 4096}},
		{name: "one key, the others default", limits: "limits: {max_line: 64KiB}\n",
			want: Limits{MaxField: DefaultLimits.MaxField, MaxRecord: DefaultLimits.MaxRecord, MaxLine: 64 << 10}},
		{name: "over 256MiB is refused", limits: "limits: {max_line: 1GiB}\n", err: "study.yaml:16:20: limits.max_line: want a size from 1 byte to 256MiB, got \"1GiB\""},
		{name: "no unit guessing", limits: "limits: {max_field: 16M}\n", err: "study.yaml:16:21: limits.max_field: want a size such as \"16MiB\", \"512KiB\" or 4096 (bytes), got \"16M\""},
		{name: "zero is refused, not the default", limits: "limits: {max_field: 0}\n", err: "study.yaml:16:21: limits.max_field: want a size from 1 byte to 256MiB, got \"0\""},
		{name: "unknown key", limits: "limits: {max_cell: 1MiB}\n", err: "study.yaml:16:10: limits: unknown key \"max_cell\""},
		{name: "field longer than record", limits: "\nlimits:\n  max_field: 32MiB\n", err: "study.yaml:18:14: limits.max_field: 32 MiB is longer than limits.max_record (16 MiB): a field is part of a record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("MOOCREPORT_SALT", "")
			s, err := Parse("study.yaml", []byte(valid+tt.limits))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Limits.Or(); got.MaxField != tt.want.MaxField || got.MaxRecord != tt.want.MaxRecord || got.MaxLine != tt.want.MaxLine {
				t.Errorf("limits %+v, want %+v", got, tt.want)
			}
		})
	}
}
