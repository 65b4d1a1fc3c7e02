package integration

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// runCluster runs drydock ARGS with DRYDOCK_HOME=home and no state store
// or cluster name from the environment, so the sandbox's is used.
func runCluster(t *testing.T, home string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, drydockBin, args...)
	var env []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "DRYDOCK_STATE", "KOPS_STATE_STORE", "KOPS_CLUSTER_NAME", "DRYDOCK_HOME":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, "DRYDOCK_HOME="+home)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

func TestClusterCLI(t *testing.T) {
	integration(t)
	home := sandboxHome(t)
	const name = "cli.example.com"
	must := func(args ...string) (string, string) {
		t.Helper()
		start := time.Now()
		out, errs, err := runCluster(t, home, args...)
		if err != nil {
			t.Fatalf("drydock %s: %v\n%s%s", strings.Join(args, " "), err, out, errs)
		}
		t.Logf("drydock %s: %v", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
		return out, errs
	}

	// At --speed 0 AWS's delays (instances terminating, …) are immediate.
	mustSandbox(t, home, "up", "--speed", "0")
	out, errs := must("create", "cluster", name, "--zones", "us-east-1a,us-east-1b,us-east-1c", "--control-plane-count", "3")
	if !strings.Contains(errs, "s3://drydock-state-123456789012") {
		t.Errorf("create cluster did not say it uses the sandbox's state store:\n%s", errs)
	}
	if !strings.Contains(out, "Cluster configuration has been created.") ||
		!strings.Contains(out, "Finally configure your cluster with: drydock update cluster --name "+name+" --yes --admin") {
		t.Errorf("create cluster printed:\n%s", out)
	}

	out, _ = must("get", "clusters")
	if want := name + "\taws\tus-east-1a,us-east-1b,us-east-1c\n"; !strings.Contains(out, want) {
		t.Errorf("get clusters:\n%s\nwant the line %q", out, want)
	}
	must("edit", "cluster", name, "--set", "spec.kubernetesVersion=1.34.3")
	if out, _ = must("get", "clusters", name, "-o", "yaml"); !strings.Contains(out, "kubernetesVersion: 1.34.3") {
		t.Errorf("get -o yaml after the edit:\n%s", out)
	}
	if out, _ = must("get", "ig", "--name", name); strings.Count(out, "ControlPlane") != 3 {
		t.Errorf("get ig:\n%s", out)
	}
	out, _ = must("update", "cluster", name)
	for _, want := range []string{"Will create resources:", "  VPC/" + name + "\n", "AutoscalingGroup/control-plane-us-east-1c.masters." + name,
		"Estimated cost of what this plan creates", "Must specify --yes to apply changes"} {
		if !strings.Contains(out, want) {
			t.Errorf("update cluster (dry run) lacks %q:\n%s", want, out)
		}
	}
	if out, _ = must("update", "cluster", name, "--yes"); !strings.Contains(out, "Cluster changes have been applied to the cloud") {
		t.Errorf("update cluster --yes printed:\n%s", out)
	}
	if out, _ = must("update", "cluster", name); out != "No changes need to be applied\n" {
		t.Errorf("update cluster after applying printed:\n%s", out)
	}
	if out, _ = must("delete", "cluster", name); !strings.Contains(out, "Must specify --yes to delete cluster") ||
		!strings.Contains(out, "autoscaling-group") || !strings.Contains(out, "vpc") {
		t.Errorf("delete without --yes:\n%s", out)
	}
	if out, _ = must("delete", "cluster", name, "--yes"); !strings.HasSuffix(out, "Deleted cluster: \""+name+"\"\n") {
		t.Errorf("delete --yes printed %q", out)
	}
	if _, errs, err := runCluster(t, home, "delete", "cluster", name); err == nil || !strings.Contains(errs, "no cloud resources are tagged as its") {
		t.Errorf("delete of a deleted cluster: %v, stderr %q", err, errs)
	}
	if out, errs = must("get", "clusters"); out != "" || !strings.Contains(errs, "No clusters found") {
		t.Errorf("get clusters after delete: stdout %q, stderr %q", out, errs)
	}
	if out = mustSandbox(t, home, "down"); !strings.Contains(out, "stopped") {
		t.Errorf("sandbox down printed %q", out)
	}
}
