package ops

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"sigs.k8s.io/yaml"

	"github.com/drydock-sandbox/drydock/cluster/internal/testkit"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

// TestKopsManifestsRoundTrip loads every kOps update_cluster manifest with
// create -f into a file:// and an s3:// store and reads it back with
// get all -o yaml: the same objects, unmodelled fields included.
func TestKopsManifestsRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testkit.KopsDir(t, "update_cluster"), "*.yaml"))
	if len(files) == 0 {
		t.Skip("no kOps update_cluster manifests")
	}
	srv := fakeawstest.Start(t)
	cfg := srv.Config()
	if _, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).
		CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("kops-state")}); err != nil {
		t.Fatal(err)
	}
	stores := map[string]func(t *testing.T) Env{
		"file": fileEnv,
		"s3": func(t *testing.T) Env {
			return Env{State: "s3://kops-state/" + t.Name(), Getenv: func(string) string { return "" },
				AWSConfig: func(context.Context) (aws.Config, error) { return cfg, nil }}
		},
	}
	for _, kind := range []string{"file", "s3"} {
		t.Run(kind, func(t *testing.T) {
			for _, f := range files {
				t.Run(filepath.Base(f), func(t *testing.T) {
					roundTrip(t, stores[kind](t), f)
				})
			}
		})
	}
}

func roundTrip(t *testing.T, env Env, file string) {
	ctx := context.Background()
	in, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out, log bytes.Buffer
	if err := CreateFile(ctx, env, file, nil, ApplyOptions{Catalog: testkit.NewCatalog()}, &out); err != nil {
		t.Fatalf("create -f: %v", err)
	}
	m, err := ReadManifest(in, file)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := GetAll(ctx, openStore(t, env), m.Cluster.Name(), OutputYAML, &out); err != nil {
		t.Fatalf("get all: %v\n%s", err, log.String())
	}
	want, got := objects(t, in), objects(t, out.Bytes())
	for key, w := range want {
		g, ok := got[key]
		if !ok {
			t.Errorf("%s: missing from get -o yaml", key)
			continue
		}
		if !reflect.DeepEqual(g, w) {
			gb, _ := yaml.Marshal(g)
			wb, _ := yaml.Marshal(w)
			t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", key, gb, wb)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d objects, want %d", len(got), len(want))
	}
}

// objects parses a YAML stream into generic objects keyed KIND/NAME.
func objects(t *testing.T, data []byte) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, doc := range bytes.Split(data, []byte("\n---\n")) {
		var o map[string]any
		if err := yaml.Unmarshal(doc, &o); err != nil {
			t.Fatal(err)
		}
		if o == nil {
			continue
		}
		meta, _ := o["metadata"].(map[string]any)
		out[fmt.Sprintf("%v/%v", o["kind"], meta["name"])] = o
	}
	return out
}
