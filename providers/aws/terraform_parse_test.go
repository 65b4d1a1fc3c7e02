package aws

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/providers"
)

// Helpers of the Terraform target's tests: specs to render, and the
// rendered file parsed back.

// tfSpec builds the spec of a cluster from create options, with an SSH
// key and user data that names the group and the API endpoint.
func tfSpec(t testing.TB, opts create.Options) *providers.Spec {
	t.Helper()
	if opts.KubernetesVersion == "" {
		opts.KubernetesVersion = "1.33.4"
	}
	m, err := create.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return &providers.Spec{
		Cluster: m.Cluster, Groups: m.InstanceGroups, SSHPublicKey: tfSSHKey(),
		UserData: func(ig *api.InstanceGroup, endpoint string) ([]byte, error) {
			return []byte("#cloud-config\nwrite_files:\n- path: /etc/drydock/api\n  permissions: \"0644\"\n  content: " +
				endpoint + "\n# group " + ig.Name() + "\n"), nil
		},
	}
}

// tfSSHKey is a well-formed OpenSSH ed25519 public key.
func tfSSHKey() []byte {
	var blob bytes.Buffer
	for _, part := range [][]byte{[]byte("ssh-ed25519"), bytes.Repeat([]byte{7}, 32)} {
		_ = binary.Write(&blob, binary.BigEndian, uint32(len(part)))
		blob.Write(part)
	}
	return []byte("ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob.Bytes()) + " admin@example.com\n")
}

// tfParsed is a rendered kubernetes.tf, parsed.
type tfParsed struct {
	src    []byte
	blocks map[string]*hclsyntax.Block // "resource TYPE NAME", "data TYPE NAME", "output NAME", …
}

// tfParse parses kubernetes.tf with HCL's native syntax parser, failing t
// on any diagnostic, and checks that every reference names a block of
// the file.
func tfParse(t *testing.T, src []byte) *tfParsed {
	t.Helper()
	f, diags := hclparse.NewParser().ParseHCL(src, TerraformFile)
	if diags.HasErrors() {
		t.Fatalf("kubernetes.tf does not parse: %s\n%s", diags.Error(), src)
	}
	p := &tfParsed{src: src, blocks: map[string]*hclsyntax.Block{}}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		key := strings.Join(append([]string{b.Type}, b.Labels...), " ")
		if _, dup := p.blocks[key]; dup {
			t.Errorf("block %s twice", key)
		}
		p.blocks[key] = b
	}
	var walk func(body *hclsyntax.Body)
	walk = func(body *hclsyntax.Body) {
		for _, a := range body.Attributes {
			for _, tr := range a.Expr.Variables() {
				p.checkRef(t, tr)
			}
		}
		for _, b := range body.Blocks {
			walk(b.Body)
		}
	}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		walk(b.Body)
	}
	return p
}

func (p *tfParsed) checkRef(t *testing.T, tr hcl.Traversal) {
	t.Helper()
	root := tr.RootName()
	name := func(i int) string {
		if i < len(tr) {
			if a, ok := tr[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	switch root {
	case "path":
		if name(1) != "module" {
			t.Errorf("reference path.%s", name(1))
		}
	case "data":
		if _, ok := p.blocks["data "+name(1)+" "+name(2)]; !ok {
			t.Errorf("reference to data.%s.%s, which is not in the file", name(1), name(2))
		}
	default:
		if _, ok := p.blocks["resource "+root+" "+name(1)]; !ok {
			t.Errorf("reference to %s.%s, which is not in the file", root, name(1))
		}
	}
}

// attr is the source of attribute name of block key (nested blocks by
// "/": "launch_template/version"), "" when absent.
func (p *tfParsed) attr(t *testing.T, key, path string) string {
	t.Helper()
	b, ok := p.blocks[key]
	if !ok {
		t.Errorf("no block %s", key)
		return ""
	}
	body := b.Body
	parts := strings.Split(path, "/")
	for _, nested := range parts[:len(parts)-1] {
		var next *hclsyntax.Body
		for _, nb := range body.Blocks {
			if nb.Type == nested {
				next = nb.Body
				break
			}
		}
		if next == nil {
			return ""
		}
		body = next
	}
	a, ok := body.Attributes[parts[len(parts)-1]]
	if !ok {
		return ""
	}
	return string(a.Expr.Range().SliceBytes(p.src))
}

func tfFiles(t *testing.T, spec *providers.Spec) map[string]tfFile {
	t.Helper()
	files, err := renderTerraform(spec)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]tfFile{}
	for _, f := range files {
		out[f.path] = f
	}
	return out
}

func tfFingerprint(t *testing.T) string {
	t.Helper()
	fp, err := sshFingerprint(tfSSHKey())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}
