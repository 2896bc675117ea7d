package ingest

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestReadProfile(t *testing.T) {
	c := &Course{Key: "tiny", Salt: tinySalt}
	got, err := ReadProfile(open(t, "tiny/TinyX_T101_2026_student_profile_info.csv"), "profile.csv", c)
	if err != nil {
		t.Fatal(err)
	}
	want := []report.Learner{
		{ID: pid("101"), Course: "tiny", YearOfBirth: 1990, Gender: "f", Education: "m", Country: "DK", Mode: "verified", Verified: true},
		{ID: pid("102"), Course: "tiny", YearOfBirth: 1985, Gender: "m", Education: "b", Country: "FI", Mode: "audit"},
		{ID: pid("103"), Course: "tiny", Country: "CN", Mode: "audit"},
		{ID: pid("104"), Course: "tiny", YearOfBirth: 2001, Gender: "o", Education: "hs", Mode: "honor"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadProfile:\n got %+v\nwant %+v", got, want)
	}
	for user, id := range map[string]string{"ana_s": "101", "chen_li": "103", "dmitri_iv": "104"} {
		if got, ok := c.UserID(user); !ok || got != id {
			t.Errorf("UserID(%q) = %q, %v; want %q", user, got, ok, id)
		}
	}
	if _, ok := c.UserID("nobody"); ok {
		t.Error("UserID of an unknown username succeeded")
	}
	// A second export of the same course may not list a learner again.
	_, err = ReadProfile(open(t, "tiny/TinyX_T101_2026_student_profile_info.csv"), "again.csv", c)
	checkErr(t, err, `again.csv:2: column "id": duplicate: learner already listed at profile.csv:2`)
}

func TestReadProfileErrors(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"row with a missing field", "bad/profile_wrong_columns.csv",
			`bad/profile_wrong_columns.csv:4: wrong number of fields: want 16, got 15`},
		{"required columns missing, all named", "bad/profile_missing_columns.csv",
			"bad/profile_missing_columns.csv:1: column \"username\": missing from the header\n" +
				"bad/profile_missing_columns.csv:1: column \"country\": missing from the header"},
		{"duplicate learner", "bad/profile_duplicate.csv",
			`bad/profile_duplicate.csv:4: column "id": duplicate: learner already listed at bad/profile_duplicate.csv:2`},
		{"year of birth not a year", "bad/profile_bad_year.csv",
			`bad/profile_bad_year.csv:2: column "year_of_birth": want a 4-digit year or nothing, got "'90"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadProfile(open(t, tt.file), tt.file, &Course{Key: "tiny", Salt: tinySalt})
			checkErr(t, err, tt.want)
		})
	}
	t.Run("empty file", func(t *testing.T) {
		_, err := ReadProfile(bytes.NewReader(nil), "empty.csv", &Course{})
		checkErr(t, err, "empty.csv: empty file: want a header row")
	})
	t.Run("bare quote", func(t *testing.T) {
		in := "id,username,year_of_birth,gender,level_of_education,enrollment_mode,verification_status,country\n1,a\"b,,,,audit,N/A,\n"
		_, err := ReadProfile(bytes.NewReader([]byte(in)), "q.csv", &Course{})
		checkErr(t, err, `q.csv:2: byte 4: bare " in non-quoted-field`)
	})
}

// FuzzReadProfile feeds arbitrary bytes to the profile reader: it may
// reject them, but must not panic, and what it accepts must be
// pseudonymised.
func FuzzReadProfile(f *testing.F) {
	for _, name := range []string{"tiny/TinyX_T101_2026_student_profile_info.csv", "bad/profile_wrong_columns.csv", "bad/profile_duplicate.csv", "bad/profile_missing_columns.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ls, err := ReadProfile(bytes.NewReader(b), "f.csv", &Course{Key: "k", Salt: "s"})
		if err != nil {
			return
		}
		for _, l := range ls {
			if len(l.ID) != 13 || l.ID[0] != 'L' {
				t.Fatalf("learner id %q is not a pseudonym", l.ID)
			}
		}
	})
}
