package statestore_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

var wantKeys = []string{
	"k8s.example.com/config",
	"k8s.example.com/instancegroup/control-plane-us-east-1a",
	"k8s.example.com/instancegroup/nodes-us-east-1a",
	"k8s.example.com/kops-version.txt",
	"k8s.example.com/pki/issued/admin/keyset.yaml",
	"k8s.example.com/pki/issued/kubernetes-ca/keyset.yaml",
	"k8s.example.com/pki/private/admin/keyset.yaml",
	"k8s.example.com/pki/private/kubernetes-ca/keyset.yaml",
	"k8s.example.com/secrets/admin",
}

// populate creates the test cluster with its PKI and admin secret.
func populate(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	create(t, s)
	if _, _, err := s.EnsureCA(ctx, clusterName); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureSecret(ctx, clusterName, "admin"); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.Backend().Get(ctx, "k8s.example.com/kops-version.txt")
	if err != nil || string(got) != "drydock v0.0.0-dev" {
		t.Errorf("kops-version.txt = %q, %v", got, err)
	}
}

// TestLayout checks the keys as the storage itself sees them: files
// under the directory, objects in the bucket.
func TestLayout(t *testing.T) {
	t.Run("file", func(t *testing.T) {
		dir := t.TempDir()
		populate(t, func(t *testing.T, opts ...statestore.Option) *statestore.Store {
			return openStore(t, "file://"+dir, opts...)
		})
		var got []string
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := append([]string{".drydock.lock"}, wantKeys...)
		if !slices.Equal(got, want) {
			t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("s3", func(t *testing.T) {
		cfg := startS3(t)
		populate(t, func(t *testing.T, opts ...statestore.Option) *statestore.Store {
			return openStore(t, "s3://state/clusters/", append(opts, statestore.WithAWSConfig(cfg))...)
		})
		out, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).
			ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("state")})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range out.Contents {
			got = append(got, aws.ToString(o.Key))
		}
		var want []string
		for _, k := range wantKeys {
			want = append(want, "clusters/"+k)
		}
		if !slices.Equal(got, want) {
			t.Errorf("objects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}
