package ops

import (
	"context"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/sandbox"
)

func TestEnvURL(t *testing.T) {
	for _, tc := range []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"s3://flag", map[string]string{"DRYDOCK_STATE": "s3://dd", "KOPS_STATE_STORE": "s3://kops"}, "s3://flag"},
		{"", map[string]string{"DRYDOCK_STATE": "s3://dd", "KOPS_STATE_STORE": "s3://kops"}, "s3://dd"},
		{"", map[string]string{"KOPS_STATE_STORE": "s3://kops"}, "s3://kops"},
		{"", nil, sandbox.StateStore},
	} {
		e := Env{State: tc.flag, Getenv: func(k string) string { return tc.env[k] }}
		if got := e.URL(); got != tc.want {
			t.Errorf("URL(%q, %v) = %s; want %s", tc.flag, tc.env, got, tc.want)
		}
	}
}

func TestEnvOpenUnsupported(t *testing.T) {
	_, err := Env{State: "gs://x", Getenv: func(string) string { return "" }}.Open(context.Background())
	if err == nil || !strings.Contains(err.Error(), "use s3://") {
		t.Errorf("gs:// store: %v", err)
	}
}
