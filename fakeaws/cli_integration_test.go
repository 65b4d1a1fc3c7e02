package fakeaws_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// awsCLI runs the AWS CLI against srvURL with only the given credentials
// in its environment: no profile, no config file, no retries.
func awsCLI(t *testing.T, srvURL, ak, secret string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	bin, lookErr := exec.LookPath("aws")
	if lookErr != nil {
		t.Skip("aws CLI not on PATH")
	}
	home := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--endpoint-url", srvURL, "--output", "json"}, args...)...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"AWS_ACCESS_KEY_ID=" + ak,
		"AWS_SECRET_ACCESS_KEY=" + secret,
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_MAX_ATTEMPTS=1",
		"AWS_RETRY_MODE=standard",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
	}
	for _, k := range []string{"PYENV_ROOT", "PYENV_VERSION", "LANG"} {
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

func TestAWSCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the AWS CLI")
	}
	srv, _ := startAt(t, 0, otherKeys)

	t.Run("get-caller-identity", func(t *testing.T) {
		stdout, stderr, err := awsCLI(t, srv.URL, "test", "test", "sts", "get-caller-identity")
		if err != nil {
			t.Fatalf("aws sts get-caller-identity: %v\n%s", err, stderr)
		}
		var id struct{ UserId, Account, Arn string }
		if err := json.Unmarshal([]byte(stdout), &id); err != nil {
			t.Fatalf("%v: %s", err, stdout)
		}
		if id.Account != defaultAccount || id.Arn != "arn:aws:iam::"+defaultAccount+":root" {
			t.Errorf("identity %+v", id)
		}
	})
	t.Run("other account", func(t *testing.T) {
		stdout, stderr, err := awsCLI(t, srv.URL, otherKey, otherSecret, "sts", "get-caller-identity")
		if err != nil || !strings.Contains(stdout, `"Account": "`+otherAccount+`"`) {
			t.Errorf("%v\n%s\n%s", err, stdout, stderr)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		_, stderr, err := awsCLI(t, srv.URL, "test", "wrong", "sts", "get-caller-identity")
		if err == nil || !strings.Contains(stderr, "SignatureDoesNotMatch") {
			t.Errorf("err %v, stderr %s", err, stderr)
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		_, stderr, err := awsCLI(t, srv.URL, "AKIDNOBODYKNOWS00000", "x", "sts", "get-caller-identity")
		if err == nil || !strings.Contains(stderr, "InvalidClientTokenId") {
			t.Errorf("err %v, stderr %s", err, stderr)
		}
	})
}
