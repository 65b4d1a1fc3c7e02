package ops

import (
	"bytes"
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/drydock-sandbox/drydock/cluster/create"
)

func TestCreateClusterDryRunGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts create.Options
	}{{"minimal", minimal}, {"ha", ha}} {
		t.Run(tc.name, func(t *testing.T) {
			env := Env{State: "s3://example-state", Getenv: func(string) string { return "" },
				AWSConfig: func(context.Context) (aws.Config, error) {
					t.Fatal("a dry run opened the state store")
					return aws.Config{}, nil
				}}
			out := createCluster(t, env, CreateClusterOptions{Build: tc.opts, DryRun: true, Output: OutputYAML})
			golden(t, "create-cluster-"+tc.name+".yaml", out)
		})
	}
}

func TestGetGolden(t *testing.T) {
	ctx := context.Background()
	env := fileEnv(t)
	createCluster(t, env, CreateClusterOptions{Build: minimal})
	createCluster(t, env, CreateClusterOptions{Build: ha})
	store := openStore(t, env)

	var out, log bytes.Buffer
	if err := GetClusters(ctx, store, nil, OutputTable, &out, &log); err != nil {
		t.Fatal(err)
	}
	golden(t, "get-clusters", out.String())

	out.Reset()
	if err := GetInstanceGroups(ctx, store, ha.ClusterName, nil, OutputTable, &out); err != nil {
		t.Fatal(err)
	}
	golden(t, "get-ig-ha", out.String())

	out.Reset()
	if err := GetAll(ctx, store, minimal.ClusterName, OutputTable, &out); err != nil {
		t.Fatal(err)
	}
	golden(t, "get-all-minimal", out.String())
}

func TestCreateClusterReportsSetUnmodelled(t *testing.T) {
	var log bytes.Buffer
	env := Env{State: "s3://example-state", Getenv: func(string) string { return "" }, Log: &log}
	opts := minimal
	createCluster(t, env, CreateClusterOptions{Build: opts, DryRun: true, Output: OutputJSON})
	if log.Len() != 0 {
		t.Errorf("defaults reported: %s", log.String())
	}
	opts.Sets = []string{"cluster.spec.kubelet.maxPods=50"}
	createCluster(t, env, CreateClusterOptions{Build: opts, DryRun: true, Output: OutputJSON})
	if want := "not rehearsed (kept as written): Cluster minimal.example.com: spec.kubelet.maxPods\n"; log.String() != want {
		t.Errorf("reported %q; want %q", log.String(), want)
	}
}
