package statestore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

func TestResolve(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name, flag string
		env        map[string]string
		want       string
	}{
		{"flag first", "s3://flag", map[string]string{"DRYDOCK_STATE": "s3://d", "KOPS_STATE_STORE": "s3://k"}, "s3://flag"},
		{"DRYDOCK_STATE", "", map[string]string{"DRYDOCK_STATE": "s3://d", "KOPS_STATE_STORE": "s3://k"}, "s3://d"},
		{"KOPS_STATE_STORE", "", map[string]string{"KOPS_STATE_STORE": "s3://k"}, "s3://k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := statestore.Resolve(tt.flag, env(tt.env))
			if err != nil || got != tt.want {
				t.Errorf("Resolve = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	_, err := statestore.Resolve("", env(nil))
	want := "no state store: pass --state s3://BUCKET/PREFIX or --state file:///DIR, or set DRYDOCK_STATE (or KOPS_STATE_STORE)"
	if err == nil || err.Error() != want {
		t.Errorf("Resolve with nothing set: %v, want %q", err, want)
	}
}

func TestOpenErrors(t *testing.T) {
	cfg := startS3(t)
	ctx := context.Background()
	tests := []struct {
		url  string
		opts []statestore.Option
		want string
	}{
		{"s3://missing/prefix", []statestore.Option{statestore.WithAWSConfig(cfg)},
			"state store s3://missing: bucket missing does not exist; create it with `aws s3 mb s3://missing`"},
		{"s3://state", nil, "state store s3://state: no AWS configuration given (WithAWSConfig)"},
		{"s3:///x", nil, "state store s3:///x: no bucket; want s3://BUCKET/PREFIX"},
		{"gs://x", nil, `state store "gs://x": unsupported; use s3://BUCKET/PREFIX or file:///DIR`},
		{"file://", nil, "state store file://: no directory; want file:///ABSOLUTE/DIR or file://RELATIVE/DIR"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := statestore.Open(ctx, tt.url, tt.opts...)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Open(%s) = %v, want %q", tt.url, err, tt.want)
			}
		})
	}
}

func TestOpenURLs(t *testing.T) {
	cfg := startS3(t)
	dir := t.TempDir()
	t.Chdir(dir)
	tests := []struct{ url, want string }{
		{"file://rel/store", "file://" + filepath.Join(dir, "rel", "store")},
		{"file://" + dir + "/abs", "file://" + dir + "/abs"},
		{"s3://state", "s3://state"},
		{"s3://state/", "s3://state"},
		{"s3://state/a/b/", "s3://state/a/b"},
	}
	for _, tt := range tests {
		s, err := statestore.Open(context.Background(), tt.url, statestore.WithAWSConfig(cfg))
		if err != nil {
			t.Fatal(err)
		}
		if s.URL() != tt.want {
			t.Errorf("Open(%s).URL() = %s, want %s", tt.url, s.URL(), tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "rel", "store")); err != nil {
		t.Errorf("file:// directory not created: %v", err)
	}
}
