package sandbox

import (
	"os/exec"
	"strings"
	"testing"
)

func TestEnv(t *testing.T) {
	info := &Info{Endpoint: "http://127.0.0.1:4566", DNSAddr: "127.0.0.1:5353"}
	var b strings.Builder
	if err := WriteExports(&b, Env(info)); err != nil {
		t.Fatal(err)
	}
	want := `export AWS_ENDPOINT_URL=http://127.0.0.1:4566
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export S3_ENDPOINT=http://127.0.0.1:4566
export S3_REGION=us-east-1
export S3_ACCESS_KEY_ID=test
export S3_SECRET_ACCESS_KEY=test
export KOPS_STATE_STORE=s3://drydock-state-123456789012
export DRYDOCK_STATE=s3://drydock-state-123456789012
export DRYDOCK_DNS=127.0.0.1:5353
`
	if b.String() != want {
		t.Errorf("exports:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "''",
		"http://127.0.0.1:4566": "http://127.0.0.1:4566",
		"a b":                   "'a b'",
		"it's":                  `'it'\''s'`,
		"$HOME;rm -rf /":        `'$HOME;rm -rf /'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s; want %s", in, got, want)
		}
	}
}

// TestShellQuoteRoundTrip has a real shell read the quoted values back.
func TestShellQuoteRoundTrip(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	vals := []string{"", "plain", "a b", "it's", `"q" $x \n`, "tab\there", "ünï"}
	var script strings.Builder
	for i, v := range vals {
		if err := WriteExports(&script, []EnvVar{{Name: "V" + string(rune('A'+i)), Value: v}}); err != nil {
			t.Fatal(err)
		}
	}
	script.WriteString(`printf '%s\0' "$VA" "$VB" "$VC" "$VD" "$VE" "$VF" "$VG"`)
	out, err := exec.Command(sh, "-c", script.String()).Output()
	if err != nil {
		t.Fatalf("sh: %v", err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i, v := range vals {
		if i >= len(got) || got[i] != v {
			t.Errorf("value %d: the shell read %q; want %q", i, got, v)
			break
		}
	}
}
