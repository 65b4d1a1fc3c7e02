package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cmd/drydock/app"
)

// run runs drydock in process against a file:// store.
func run(t *testing.T, state string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := app.Run(context.Background(), append(args, "--state", state), app.Streams{In: &bytes.Buffer{}, Out: &out, Err: &errb})
	return out.String(), errb.String(), err
}

func TestClusterVerbs(t *testing.T) {
	t.Setenv("KOPS_CLUSTER_NAME", "")
	state := "file://" + t.TempDir()
	must := func(args ...string) string {
		t.Helper()
		out, errs, err := run(t, state, args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errs)
		}
		return out
	}

	// The deprecated --master-* flags still work, with a warning.
	out, errs, err := run(t, state, "create", "cluster", "c.example.com", "--zones", "us-east-1a,us-east-1b,us-east-1c",
		"--master-zones", "us-east-1a,us-east-1b,us-east-1c", "--master-size", "m5.large", "--dry-run", "-o", "json")
	if err != nil {
		t.Fatal(err, errs)
	}
	if !strings.Contains(errs, "--master-zones has been deprecated") {
		t.Errorf("no deprecation warning: %s", errs)
	}
	var cluster map[string]any
	if err := json.Unmarshal([]byte(out[:strings.Index(out, "\n---\n")]), &cluster); err != nil {
		t.Fatalf("dry-run JSON: %v\n%s", err, out)
	}
	if strings.Count(out, `"machineType": "m5.large"`) != 3 {
		t.Errorf("--master-size not applied to the 3 control planes:\n%s", out)
	}
	if o := must("get", "clusters"); o != "" {
		t.Errorf("the dry run wrote: %s", o)
	}

	out = must("create", "cluster", "--name", "c.example.com", "--zones", "us-east-1a", "--kubernetes-version", "1.34.1")
	if !strings.HasSuffix(out, "Finally configure your cluster with: drydock update cluster --name c.example.com --yes --admin\n") {
		t.Errorf("create cluster printed:\n%s", out)
	}
	if _, errs, err := run(t, state, "create", "cluster", "c.example.com", "--zones", "us-east-1a"); err == nil || !strings.Contains(errs, "already exists") {
		t.Errorf("second create: %v %s", err, errs)
	}
	t.Setenv("KOPS_CLUSTER_NAME", "c.example.com")
	if o := must("get", "ig", "nodes-us-east-1a"); !strings.Contains(o, "nodes-us-east-1a\tNode") {
		t.Errorf("get ig:\n%s", o)
	}
	must("edit", "cluster", "--set", "spec.kubernetesVersion=1.34.2")
	if o := must("get", "clusters", "c.example.com", "-o", "yaml"); !strings.Contains(o, "kubernetesVersion: 1.34.2") {
		t.Errorf("get -o yaml after edit:\n%s", o)
	}
	if _, errs, err := run(t, state, "get", "clusters", "-o", "wide"); err == nil || !strings.Contains(errs, "table, yaml, json") {
		t.Errorf("-o wide: %v %s", err, errs)
	}
	// get all -o yaml | sed | replace -f -
	manifest := strings.Replace(must("get", "all", "-o", "yaml"), "kubernetesVersion: 1.34.2", "kubernetesVersion: 1.35.0", 1)
	var rout, rerr bytes.Buffer
	if err := app.Run(context.Background(), []string{"replace", "-f", "-", "--state", state},
		app.Streams{In: strings.NewReader(manifest), Out: &rout, Err: &rerr}); err != nil {
		t.Fatalf("replace -f -: %v\n%s", err, rerr.String())
	}
	if o := must("get", "clusters", "-o", "yaml"); !strings.Contains(o, "kubernetesVersion: 1.35.0") {
		t.Errorf("after replace -f -:\n%s", o)
	}
	if _, errs, err := run(t, state, "create", "-f", "/nonexistent.yaml"); err == nil || !strings.Contains(errs, "no such file") {
		t.Errorf("create -f of a missing file: %v %s", err, errs)
	}

	var comp, compErr bytes.Buffer
	if err := app.Run(context.Background(), []string{"completion", "bash"}, app.Streams{In: &bytes.Buffer{}, Out: &comp, Err: &compErr}); err != nil ||
		!strings.Contains(comp.String(), "bash completion") {
		t.Errorf("completion bash: %v %s; printed %.80q", err, compErr.String(), comp.String())
	}
}
