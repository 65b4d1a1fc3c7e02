package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

const tfProviderVersion = "5.100.0"

// TestTerraform applies a configuration of S3 and IAM resources with
// Terraform's AWS provider (from a local filesystem mirror) against
// `drydock aws serve`, checks that a second plan sees no drift and that
// the resources exist, then destroys them and checks they are gone.
func TestTerraform(t *testing.T) {
	integration(t)
	tfBin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	mirror := findTFMirror(t)
	s := startServer(t, "--in-memory")
	tf := newTerraform(t, tfBin, mirror, s.Endpoint)
	sdk := s.defaultClients()

	tf.ok(t, "init", "-no-color")
	tf.ok(t, "apply", "-auto-approve", "-no-color")

	var outputs map[string]struct{ Value string }
	if err := json.Unmarshal([]byte(tf.ok(t, "output", "-json")), &outputs); err != nil {
		t.Fatalf("terraform output -json: %v", err)
	}
	for name, want := range map[string]string{
		"account_id":  "123456789012",
		"role_arn":    "arn:aws:iam::123456789012:role/drydock/drydock-tf-node",
		"profile_arn": "arn:aws:iam::123456789012:instance-profile/drydock/drydock-tf-node",
		"bucket_arn":  "arn:aws:s3:::drydock-tf-state",
		"object_etag": strings.Trim(quotedMD5([]byte(tfObjectContent)), `"`),
	} {
		if got := outputs[name].Value; got != want {
			t.Errorf("output %s = %q, want %q", name, got, want)
		}
	}

	if r := tf.run(t, "plan", "-detailed-exitcode", "-no-color"); r.err != nil {
		t.Errorf("second plan: want exit 0 (no changes); %s", r)
	}

	t.Run("resources exist", func(t *testing.T) {
		checkTFResources(t, sdk, outputs["role_id"].Value)
	})

	tf.ok(t, "destroy", "-auto-approve", "-no-color")
	t.Run("resources gone", func(t *testing.T) {
		ctx := context.Background()
		_, err := sdk.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("drydock-tf-state")})
		if code := errorCode(err); code != "NotFound" {
			t.Errorf("HeadBucket after destroy: %v, want NotFound", err)
		}
		_, err = sdk.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("drydock-tf-node")})
		if code := errorCode(err); code != "NoSuchEntity" {
			t.Errorf("GetRole after destroy: %v, want NoSuchEntity", err)
		}
		_, err = sdk.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("drydock-tf-node")})
		if code := errorCode(err); code != "NoSuchEntity" {
			t.Errorf("GetInstanceProfile after destroy: %v, want NoSuchEntity", err)
		}
	})
}

func checkTFResources(t *testing.T, sdk clients, roleID string) {
	ctx := context.Background()
	const bucket = "drydock-tf-state"
	if _, err := sdk.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Errorf("HeadBucket %s: %v", bucket, err)
	}
	if v, err := sdk.S3.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)}); err != nil || v.Status != s3types.BucketVersioningStatusEnabled {
		t.Errorf("GetBucketVersioning %s = %+v, %v; want Enabled", bucket, v, err)
	}
	if tags, err := sdk.S3.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)}); err != nil ||
		len(tags.TagSet) != 1 || aws.ToString(tags.TagSet[0].Key) != "Owner" || aws.ToString(tags.TagSet[0].Value) != "drydock" {
		t.Errorf("GetBucketTagging %s: %v; want Owner=drydock", bucket, err)
	}
	if got := getObject(t, sdk.S3, bucket, "config/hello.txt"); string(got) != tfObjectContent {
		t.Errorf("GetObject config/hello.txt = %q, want %q", got, tfObjectContent)
	}
	role, err := sdk.IAM.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("drydock-tf-node")})
	if err != nil {
		t.Fatalf("GetRole drydock-tf-node: %v", err)
	}
	if aws.ToString(role.Role.RoleId) != roleID || aws.ToString(role.Role.Path) != "/drydock/" {
		t.Errorf("GetRole = {ID %s, Path %s}, want {%s, /drydock/}", aws.ToString(role.Role.RoleId), aws.ToString(role.Role.Path), roleID)
	}
	if doc := decodePolicy(aws.ToString(role.Role.AssumeRolePolicyDocument)); !sameJSON(doc, trustPolicy) {
		t.Errorf("role trust policy = %s, want %s", doc, trustPolicy)
	}
	pol, err := sdk.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("drydock-tf-node"), PolicyName: aws.String("node-s3")})
	if err != nil {
		t.Errorf("GetRolePolicy node-s3: %v", err)
	} else if doc := decodePolicy(aws.ToString(pol.PolicyDocument)); !sameJSON(doc, tfInlinePolicy) {
		t.Errorf("inline policy = %s, want %s", doc, tfInlinePolicy)
	}
	prof, err := sdk.IAM.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String("drydock-tf-node")})
	if err != nil {
		t.Errorf("GetInstanceProfile drydock-tf-node: %v", err)
	} else if r := prof.InstanceProfile.Roles; len(r) != 1 || aws.ToString(r[0].RoleName) != "drydock-tf-node" {
		t.Errorf("instance profile roles = %d, want drydock-tf-node only", len(r))
	}
}

// findTFMirror returns the root of a filesystem mirror (the directory above
// registry.terraform.io) holding hashicorp/aws tfProviderVersion for this
// platform: DRYDOCK_TF_MIRROR, else the first of the usual places.
func findTFMirror(t *testing.T) string {
	t.Helper()
	if env := os.Getenv("DRYDOCK_TF_MIRROR"); env != "" {
		if !hasTFProvider(env) {
			t.Fatalf("DRYDOCK_TF_MIRROR=%s holds no registry.terraform.io/hashicorp/aws/%s for %s_%s", env, tfProviderVersion, runtime.GOOS, runtime.GOARCH)
		}
		return env
	}
	var roots []string
	if home, err := os.UserHomeDir(); err == nil {
		roots = append(roots, filepath.Join(home, ".terraform.d", "plugins"), filepath.Join(home, ".local", "share", "terraform", "plugins"))
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		roots = append(roots, filepath.Join(xdg, "terraform", "plugins"))
	}
	roots = append(roots, "/root/.terraform.d/plugins", "/opt/tf-plugins", "/opt/terraform/plugins",
		"/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins")
	for _, pattern := range []string{"/opt/*/registry.terraform.io", "/opt/*/*/registry.terraform.io", "/usr/local/share/*/registry.terraform.io"} {
		found, _ := filepath.Glob(pattern)
		for _, f := range found {
			roots = append(roots, filepath.Dir(f))
		}
	}
	for _, root := range roots {
		if hasTFProvider(root) {
			return root
		}
	}
	t.Skipf("no filesystem mirror of registry.terraform.io/hashicorp/aws %s (looked in %s); set DRYDOCK_TF_MIRROR to its root",
		tfProviderVersion, strings.Join(roots, ", "))
	return ""
}

// hasTFProvider reports whether root holds the provider, unpacked or packed.
func hasTFProvider(root string) bool {
	platform := runtime.GOOS + "_" + runtime.GOARCH
	dir := filepath.Join(root, "registry.terraform.io", "hashicorp", "aws")
	unpacked, _ := filepath.Glob(filepath.Join(dir, tfProviderVersion, platform, "terraform-provider-aws_*"))
	packed, _ := filepath.Glob(filepath.Join(dir, "terraform-provider-aws_"+tfProviderVersion+"_"+platform+".zip"))
	return len(unpacked)+len(packed) > 0
}

// terraform runs terraform in a working directory of its own, offline.
type terraform struct {
	bin, dir string
	env      []string
}

func newTerraform(t *testing.T, bin, mirror, endpoint string) *terraform {
	t.Helper()
	dir := t.TempDir()
	home, work := filepath.Join(dir, "home"), filepath.Join(dir, "work")
	for _, d := range []string{home, work} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	rc := filepath.Join(dir, "terraformrc")
	write(t, rc, fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
`, mirror))
	write(t, filepath.Join(work, "main.tf"), tfConfig(endpoint))
	empty := filepath.Join(dir, "empty")
	write(t, empty, "")
	proxy := startTrapProxy(t)
	t.Cleanup(func() { proxy.Check(t) })
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"TF_CLI_CONFIG_FILE=" + rc,
		"TF_DATA_DIR=" + filepath.Join(dir, "tfdata"),
		"TF_PLUGIN_CACHE_DIR=" + filepath.Join(dir, "plugin-cache"),
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		// Only the provider block configures AWS.
		"AWS_CONFIG_FILE=" + empty,
		"AWS_SHARED_CREDENTIALS_FILE=" + empty,
		"AWS_EC2_METADATA_DISABLED=true",
	}
	// TF_LOG and TF_LOG_PATH pass through, to debug a failure.
	for _, k := range []string{"TF_LOG", "TF_LOG_PATH"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "plugin-cache"), 0o700); err != nil {
		t.Fatal(err)
	}
	return &terraform{bin: bin, dir: work, env: append(env, proxy.Env()...)}
}

// run runs terraform ARGS and logs how long it took.
func (tf *terraform) run(t *testing.T, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tf.bin, args...)
	cmd.Dir, cmd.Env = tf.dir, tf.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("terraform %s: %s in %v", args[0], exitText(err), time.Since(start).Round(time.Millisecond))
	if ctx.Err() != nil {
		t.Fatalf("terraform %v did not finish within 5 minutes\nstdout:\n%s\nstderr:\n%s", args, stdout.String(), stderr.String())
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("terraform %v: %v", args, err)
	}
	return cliResult{args: append([]string{"(terraform)"}, args...), stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// ok runs terraform and fails t unless it exits 0; it returns stdout.
func (tf *terraform) ok(t *testing.T, args ...string) string {
	t.Helper()
	r := tf.run(t, args...)
	if r.err != nil {
		t.Fatalf("want success; %s", r)
	}
	return r.stdout
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
