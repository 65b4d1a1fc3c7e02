package aws_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"github.com/drydock-sandbox/drydock/providers"
	driver "github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/providers/aws/awstest"
)

// TestTerraformIntegration applies the Terraform of an HA private
// cluster in three zones with Terraform's AWS provider against one
// fakeaws, and the same spec with the driver against another, and
// compares the two accounts: the same resources with the same
// attributes, IDs aside. A second plan must find nothing to change, and
// destroy must leave the account as it was.
func TestTerraformIntegration(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test: runs terraform")
	}
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	mirror := tfMirror(t)
	ctx := context.Background()
	spec := tfHASpec(t)
	t.Run("validate other shapes", func(t *testing.T) { tfValidateShapes(t, bin, mirror) })

	tfSrv := fakeawstest.Start(t, fakeaws.WithSpeed(0))
	tfc := driver.NewClients(tfSrv.Config())
	before := tfInventory(t, tfc)

	dir := t.TempDir()
	if err := driver.WriteTerraform(ctx, spec, dir); err != nil {
		t.Fatal(err)
	}
	tf := newTFRunner(t, bin, mirror, dir, tfSrv.URL)
	tf.ok(t, "fmt", "-check", "-diff", "-no-color", driver.TerraformFile)
	tf.ok(t, "init", "-input=false", "-no-color")
	applied := tf.ok(t, "apply", "-input=false", "-auto-approve", "-no-color")
	if strings.Contains(applied, "#cloud-config") || strings.Contains(applied, base64.StdEncoding.EncodeToString([]byte("#cloud-config"))[:12]) ||
		!strings.Contains(applied, "user_data") {
		t.Error("terraform apply printed the user data, or did not plan any")
	}
	byTerraform := tfInventory(t, tfc)

	drvSrv := fakeawstest.Start(t, fakeaws.WithSpeed(0))
	drvc := driver.NewClients(drvSrv.Config())
	drvc.Poll = 10 * time.Millisecond
	start := time.Now()
	if _, err := driver.New(drvc, driver.Options{}).Apply(ctx, spec); err != nil {
		t.Fatalf("driver apply: %v", err)
	}
	t.Logf("driver apply: %v", time.Since(start).Round(time.Millisecond))
	byDriver := tfInventory(t, drvc)

	t.Run("same resources", func(t *testing.T) {
		known := map[string]bool{}
		a, b := tfKnown(t, known, tfNormalise(byTerraform)), tfKnown(t, known, tfNormalise(byDriver))
		t.Logf("%d resources and attributes compared", len(a))
		if out := os.Getenv("DRYDOCK_TF_INVENTORY"); out != "" {
			// To read what was compared.
			tfWrite(t, out, strings.Join(a, "\n")+"\n")
		}
		tfCompare(t, "terraform", a, "driver", b)
	})
	t.Run("no drift", func(t *testing.T) {
		if r := tf.run(t, "plan", "-input=false", "-detailed-exitcode", "-no-color"); r.err != nil {
			t.Errorf("second plan: want exit 0 (no changes): %v\n%s\n%s", r.err, tfPlanSummary(r.stdout), r.stderr)
		}
	})
	t.Run("destroy", func(t *testing.T) {
		tf.ok(t, "destroy", "-input=false", "-auto-approve", "-no-color")
		after := tfInventory(t, tfc)
		tfCompare(t, "before apply", before, "after destroy", after)
	})
}

// tfValidateShapes writes the Terraform of clusters of other shapes, each
// a module of one configuration, and has terraform validate them against
// the provider's schema: a public cluster whose nodes find the API by the
// load balancer's name (user data through replace()), one with public DNS
// (the zone a data source), and one in a shared VPC (the internet
// gateway a data source, shared subnets and NAT gateway by ID).
func tfValidateShapes(t *testing.T, bin, mirror string) {
	dir := t.TempDir()
	shapes := map[string]*providers.Spec{
		"public": tfSpecOf(t, create.Options{ClusterName: "public.example.com", Zones: []string{"eu-west-1a"}}),
		"dns": tfSpecOf(t, create.Options{ClusterName: "dns.example.com", Zones: []string{"us-east-1a", "us-east-1b"},
			DNSType: "public", Topology: "private", APILoadBalancerType: "internal"}),
		"shared": tfSpecOf(t, create.Options{ClusterName: "shared.example.com", Zones: []string{"us-east-1a"}, Topology: "private"}),
	}
	c := shapes["shared"].Cluster
	c.Spec.NetworkID = "vpc-0123456789abcdef0"
	for i := range c.Spec.Subnets {
		if c.Spec.Subnets[i].Type == api.SubnetPrivate {
			c.Spec.Subnets[i].ID, c.Spec.Subnets[i].Egress = "subnet-0123456789abcdef0", "nat-0123456789abcdef0"
		}
	}
	var root strings.Builder
	for _, name := range slices.Sorted(maps.Keys(shapes)) {
		if err := driver.WriteTerraform(context.Background(), shapes[name], filepath.Join(dir, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fmt.Fprintf(&root, "module %q {\n  source = \"./%s\"\n}\n\n", name, name)
	}
	tfWrite(t, filepath.Join(dir, "main.tf"), root.String())
	tf := newTFRunner(t, bin, mirror, dir, "")
	tf.ok(t, "init", "-input=false", "-no-color")
	tf.ok(t, "validate", "-no-color")
}

// tfHASpec is the spec of an HA cluster in three zones, private topology
// and private DNS (so no public zone is needed).
func tfHASpec(t *testing.T) *providers.Spec {
	t.Helper()
	return tfSpecOf(t, create.Options{
		ClusterName: "ha.example.com",
		Zones:       []string{"us-east-1a", "us-east-1b", "us-east-1c"}, ControlPlaneZones: []string{"us-east-1a", "us-east-1b", "us-east-1c"},
		Topology: "private", DNSType: "private",
	})
}

// tfSpecOf is the spec of the cluster create builds from opts, with an
// SSH key and a small fixed cloud-config, naming the API endpoint, as
// user data.
func tfSpecOf(t *testing.T, opts create.Options) *providers.Spec {
	t.Helper()
	opts.KubernetesVersion = "1.33.4"
	m, err := create.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var blob bytes.Buffer
	for _, part := range [][]byte{[]byte("ssh-ed25519"), bytes.Repeat([]byte{9}, 32)} {
		_ = binary.Write(&blob, binary.BigEndian, uint32(len(part)))
		blob.Write(part)
	}
	return &providers.Spec{
		Cluster: m.Cluster, Groups: m.InstanceGroups,
		SSHPublicKey: []byte("ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob.Bytes()) + " admin@example.com\n"),
		UserData: func(ig *api.InstanceGroup, endpoint string) ([]byte, error) {
			return []byte("#cloud-config\nwrite_files:\n- path: /etc/drydock/api\n  content: " + endpoint + "\n# " + ig.Name() + "\n"), nil
		},
	}
}

// tfKnownDifferences are the differences between what Terraform and the
// driver create that are intended: each pattern is replaced in the lines
// of both accounts before they are compared.
var tfKnownDifferences = []struct {
	re   *regexp.Regexp
	repl string
	why  string
}{
	{regexp.MustCompile(`(launch-template=\{[^}]*\})@(?:\$Latest|1)( |$)`), "$1@LATEST$2",
		"the driver's groups launch $Latest; Terraform's pin the template's latest_version, as kOps' Terraform does, and move on with it in the same apply"},
}

// tfKnown applies tfKnownDifferences to lines, logging the first time
// (in seen) each changed a line.
func tfKnown(t *testing.T, seen map[string]bool, lines []string) []string {
	t.Helper()
	out := make([]string, len(lines))
	for i, l := range lines {
		for _, k := range tfKnownDifferences {
			if n := k.re.ReplaceAllString(l, k.repl); n != l {
				l = n
				if !seen[k.why] {
					seen[k.why] = true
					t.Logf("known difference: %s", k.why)
				}
			}
		}
		out[i] = l
	}
	slices.Sort(out)
	return out
}

// tfInventory is awstest.Inventory and tfDetails of the account.
func tfInventory(t *testing.T, c *driver.Clients) []string {
	t.Helper()
	ctx := context.Background()
	inv, err := awstest.Inventory(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	details, err := tfDetails(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(slices.Values(append(inv, details...)))
}

// tfCompare reports the lines only one of two inventories has.
func tfCompare(t *testing.T, aName string, a []string, bName string, b []string) {
	t.Helper()
	count := map[string]int{}
	for _, l := range a {
		count[l]++
	}
	for _, l := range b {
		count[l]--
	}
	var diffs []string
	for _, l := range slices.Sorted(func(yield func(string) bool) {
		for l := range count {
			if !yield(l) {
				return
			}
		}
	}) {
		n := count[l]
		for ; n > 0; n-- {
			diffs = append(diffs, "< "+l)
		}
		for ; n < 0; n++ {
			diffs = append(diffs, "> "+l)
		}
	}
	if len(diffs) > 0 {
		t.Errorf("%d differences (< only %s, > only %s):\n%s", len(diffs), aName, bName, strings.Join(diffs, "\n"))
	}
}

// tfPlanSummary keeps the lines of a plan that say what would change.
func tfPlanSummary(plan string) string {
	var out []string
	for _, l := range strings.Split(plan, "\n") {
		s := strings.TrimSpace(l)
		if strings.HasPrefix(s, "#") || strings.HasPrefix(s, "~") || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") ||
			strings.HasPrefix(s, "Plan:") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// tfProviderVersion is the hashicorp/aws provider the mirror must hold.
const tfProviderVersion = "5.100.0"

// tfMirror is the root of a filesystem mirror (the directory above
// registry.terraform.io) holding hashicorp/aws tfProviderVersion for this
// platform: DRYDOCK_TF_MIRROR, else /opt/tf-plugins or the user's plugin
// directory. It skips the test when there is none.
func tfMirror(t *testing.T) string {
	t.Helper()
	roots := []string{os.Getenv("DRYDOCK_TF_MIRROR"), "/opt/tf-plugins"}
	if home, err := os.UserHomeDir(); err == nil {
		roots = append(roots, filepath.Join(home, ".terraform.d", "plugins"), filepath.Join(home, ".local", "share", "terraform", "plugins"))
	}
	platform := runtime.GOOS + "_" + runtime.GOARCH
	for _, root := range roots {
		if root == "" {
			continue
		}
		dir := filepath.Join(root, "registry.terraform.io", "hashicorp", "aws")
		unpacked, _ := filepath.Glob(filepath.Join(dir, tfProviderVersion, platform, "terraform-provider-aws_*"))
		packed, _ := filepath.Glob(filepath.Join(dir, "terraform-provider-aws_"+tfProviderVersion+"_"+platform+".zip"))
		if len(unpacked)+len(packed) > 0 {
			return root
		}
	}
	t.Skipf("no filesystem mirror of registry.terraform.io/hashicorp/aws %s for %s (set DRYDOCK_TF_MIRROR)", tfProviderVersion, platform)
	return ""
}

// tfRunner runs terraform in dir, offline: the provider from the mirror,
// no plugin cache, the internet behind a proxy that refuses everything,
// and AWS configured only by an override file pointing at fakeaws (at
// endpoint, unless "").
type tfRunner struct {
	bin, dir string
	env      []string
}

func newTFRunner(t *testing.T, bin, mirror, dir, endpoint string) *tfRunner {
	t.Helper()
	home := t.TempDir()
	rc := filepath.Join(home, "terraformrc")
	tfWrite(t, rc, fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.terraform.io/hashicorp/aws\"]\n  }\n}\n", mirror))
	empty := filepath.Join(home, "empty")
	tfWrite(t, empty, "")
	if endpoint != "" {
		tfOverride(t, dir, endpoint)
	}
	trap := tfTrapProxy(t)
	// Only these variables: no TF_PLUGIN_CACHE_DIR (and no plugin_cache_dir
	// in the CLI configuration), so no plugin cache.
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"TF_CLI_CONFIG_FILE=" + rc, "TF_DATA_DIR=" + filepath.Join(home, "tfdata"),
		"TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		"AWS_CONFIG_FILE=" + empty, "AWS_SHARED_CREDENTIALS_FILE=" + empty, "AWS_EC2_METADATA_DISABLED=true",
		"HTTP_PROXY=" + trap, "HTTPS_PROXY=" + trap, "http_proxy=" + trap, "https_proxy=" + trap,
		"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost",
	}
	for _, k := range []string{"TF_LOG", "TF_LOG_PATH"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return &tfRunner{bin: bin, dir: dir, env: env}
}

// tfOverride points the provider block of kubernetes.tf at fakeaws with
// an override file, which Terraform merges into it.
func tfOverride(t *testing.T, dir, endpoint string) {
	t.Helper()
	tfWrite(t, filepath.Join(dir, "fakeaws_override.tf"), fmt.Sprintf(`provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    autoscaling = %[1]q
    ec2         = %[1]q
    elbv2       = %[1]q
    iam         = %[1]q
    route53     = %[1]q
    sts         = %[1]q
  }
}
`, endpoint))
}

type tfResult struct {
	stdout, stderr string
	err            error
}

func (r *tfRunner) run(t *testing.T, args ...string) tfResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Dir, cmd.Env = r.dir, r.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	t.Logf("terraform %s: %v in %v", args[0], tfExit(err), time.Since(start).Round(time.Millisecond))
	var ee *exec.ExitError
	if ctx.Err() != nil || err != nil && !errors.As(err, &ee) {
		t.Fatalf("terraform %v: %v\n%s\n%s", args, err, stdout.String(), stderr.String())
	}
	return tfResult{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

func (r *tfRunner) ok(t *testing.T, args ...string) string {
	t.Helper()
	res := r.run(t, args...)
	if res.err != nil {
		t.Fatalf("terraform %v: %v\nstdout:\n%s\nstderr:\n%s", args, res.err, res.stdout, res.stderr)
	}
	return res.stdout
}

func tfExit(err error) string {
	if err == nil {
		return "exit 0"
	}
	return err.Error()
}

func tfWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// tfTrapProxy is an HTTP proxy that refuses every request and fails the
// test if terraform sent it any: everything must go to fakeaws.
func tfTrapProxy(t *testing.T) string {
	t.Helper()
	var mu sync.Mutex
	var hosts []string
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.Method+" "+r.Host)
		mu.Unlock()
		http.Error(w, "no internet in this test", http.StatusForbidden)
	}))
	t.Cleanup(func() {
		hs.Close()
		mu.Lock()
		defer mu.Unlock()
		if len(hosts) > 0 {
			t.Errorf("terraform tried to reach the internet: %v", hosts)
		}
	})
	return hs.URL
}
