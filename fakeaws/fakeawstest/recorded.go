package fakeawstest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// RecordedFile reads one of the snapshot files of responses recorded from
// real AWS (../shared/testdata/aws-recorded beside the repository's root);
// the test skips when they are absent.
func RecordedFile(t testing.TB, file string) []byte {
	t.Helper()
	dir, err := sharedDir()
	if err != nil {
		t.Skipf("recorded AWS responses not available: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "testdata", "aws-recorded", file))
	if err != nil {
		t.Skipf("recorded AWS responses not available: %v", err)
	}
	return raw
}

// Recorded reads a snapshot file and indexes its recorded content by test
// name (the part after the last "::").
func Recorded(t testing.TB, file string) map[string]map[string]any {
	t.Helper()
	var all map[string]struct {
		Recorded map[string]any `json:"recorded-content"`
	}
	if err := json.Unmarshal(RecordedFile(t, file), &all); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := make(map[string]map[string]any, len(all))
	for k, v := range all {
		out[k[strings.LastIndex(k, "::")+2:]] = v.Recorded
	}
	return out
}

// Dig walks a recorded response along keys: map keys, and any key for the
// first element of a list.
func Dig(t testing.TB, v any, keys ...string) any {
	t.Helper()
	for _, k := range keys {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			if len(x) == 0 {
				t.Fatalf("recorded list empty at %s", k)
			}
			v = x[0]
		default:
			t.Fatalf("recorded response has no %s", k)
		}
	}
	return v
}

// sharedDir finds ../shared beside the module's root.
func sharedDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(dir), "shared")
			if _, err := os.Stat(shared); err != nil {
				return "", err
			}
			return shared, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
