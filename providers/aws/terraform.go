package aws

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/drydock-sandbox/drydock/providers"
)

// The Terraform target: `update cluster --target terraform --out DIR`
// writes the resources the driver would make as a configuration for the
// hashicorp/aws provider (5.x), as kOps does: DIR/kubernetes.tf, and the
// launch templates' user data in DIR/data/aws_launch_template_NAME_user_data
// (mode 0600: it holds the cluster's secrets). Resources are named after
// their tasks with dots as dashes (aws_vpc "k8s-example-com") and written
// sorted by type and name, so the same spec always gives the same files.

// TerraformFile is the main file of the Terraform target.
const TerraformFile = "kubernetes.tf"

// tfAPIEndpointPlaceholder stands for the API load balancer's DNS name in
// user data that needs it: Terraform puts the name in with replace() once
// the load balancer exists. A reserved (.invalid) name, and a valid host
// name for the user data's renderer.
const tfAPIEndpointPlaceholder = "drydock-api-endpoint.invalid"

// WriteTerraform writes the cluster's resources as Terraform into dir;
// see the package function WriteTerraform. It does not call AWS.
func (p *Provider) WriteTerraform(ctx context.Context, spec *providers.Spec, dir string) error {
	return WriteTerraform(ctx, spec, dir)
}

// WriteTerraform writes the resources spec needs as Terraform for the
// hashicorp/aws provider: dir/kubernetes.tf and dir/data/…, replacing the
// files of an earlier run (user data files of launch templates the
// cluster no longer has are removed).
func WriteTerraform(ctx context.Context, spec *providers.Spec, dir string) error {
	files, err := renderTerraform(spec)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeTerraformFiles(dir, files)
}

// tfFile is a file of the Terraform target, path relative to its
// directory with slashes.
type tfFile struct {
	path string
	data []byte
	mode fs.FileMode
}

// tfAddr is where a task is in the configuration: a resource, or a data
// source (data "TYPE" "NAME").
type tfAddr struct {
	data      bool
	typ, name string
}

// attr is a reference to an attribute: TYPE.NAME.ATTR or data.TYPE.NAME.ATTR.
func (a tfAddr) attr(attr string) hclwrite.Tokens {
	if a.data {
		return tfRef("data", a.typ, a.name, attr)
	}
	return tfRef(a.typ, a.name, attr)
}

// tfBlock is a data source or resource block and where it sorts.
type tfBlock struct {
	addr  tfAddr
	block *hclwrite.Block
}

// tfWriter renders a model.
type tfWriter struct {
	m     *model
	addrs map[task]tfAddr
	// roles is the role of each instance profile (the profile's role is
	// an attribute of the profile in Terraform, not a resource).
	roles  map[*iamInstanceProfileTask]*iamRoleTask
	amis   map[string]tfAddr // by image
	blocks []tfBlock
	files  []tfFile
	err    error
}

// renderTerraform renders the configuration of spec: kubernetes.tf and
// the user data files.
func renderTerraform(spec *providers.Spec) ([]tfFile, error) {
	m, err := buildModel(spec)
	if err != nil {
		return nil, err
	}
	w := &tfWriter{m: m, addrs: map[task]tfAddr{}, roles: map[*iamInstanceProfileTask]*iamRoleTask{}, amis: map[string]tfAddr{}}
	if err := w.address(); err != nil {
		return nil, err
	}
	for _, t := range m.tasks {
		if err := w.render(t); err != nil {
			return nil, fmt.Errorf("terraform: %s/%s: %w", t.kind(), t.name(), err)
		}
		if w.err != nil {
			return nil, fmt.Errorf("terraform: %s/%s: %w", t.kind(), t.name(), w.err)
		}
	}
	main := tfFile{path: TerraformFile, data: w.mainFile(), mode: 0o644}
	return append([]tfFile{main}, w.files...), nil
}

// block appends the block of t and returns its body.
func (w *tfWriter) block(t task) *hclwrite.Body {
	a, ok := w.addrs[t]
	if !ok {
		w.fail(fmt.Errorf("%s/%s has no block", t.kind(), t.name()))
		a = tfAddr{typ: "invalid", name: "invalid"}
	}
	return w.newBlock(a)
}

func (w *tfWriter) newBlock(a tfAddr) *hclwrite.Body {
	kind := "resource"
	if a.data {
		kind = "data"
	}
	b := hclwrite.NewBlock(kind, []string{a.typ, a.name})
	w.blocks = append(w.blocks, tfBlock{addr: a, block: b})
	return b.Body()
}

func (w *tfWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// ref refers to an attribute of the block of t: "id" of a shared resource
// is its ID.
func (w *tfWriter) ref(t task, attr string) hclwrite.Tokens {
	switch t := t.(type) {
	case *vpcTask:
		if t.Shared {
			return w.sharedID(t, attr, t.SharedID)
		}
	case *subnetTask:
		if t.SharedID != "" {
			return w.sharedID(t, attr, t.SharedID)
		}
	case *natGatewayTask:
		if t.SharedID != "" {
			return w.sharedID(t, attr, t.SharedID)
		}
	}
	a, ok := w.addrs[t]
	if !ok {
		w.fail(fmt.Errorf("%s/%s has no block to refer to", t.kind(), t.name()))
		return tfString("")
	}
	return a.attr(attr)
}

func (w *tfWriter) sharedID(t task, attr, id string) hclwrite.Tokens {
	if attr != "id" {
		w.fail(fmt.Errorf("shared %s %s: only its ID is known, not its %s", t.kind(), id, attr))
	}
	return tfString(id)
}

// refs refers to attr of each task.
func refs[T task](w *tfWriter, ts []T, attr string) hclwrite.Tokens {
	elems := make([]hclwrite.Tokens, len(ts))
	for i, t := range ts {
		elems[i] = w.ref(t, attr)
	}
	return tfList(elems)
}

// mainFile is kubernetes.tf: the terraform and provider blocks, the data
// sources and the resources sorted by type and name, and outputs.
func (w *tfWriter) mainFile() []byte {
	f := hclwrite.NewFile()
	root := f.Body()
	root.AppendUnstructuredTokens(hclwrite.Tokens{
		tfToken(hclsyntax.TokenComment, "# Cluster "+w.m.cluster+", written by drydock update cluster --target terraform.\n"),
		tfToken(hclsyntax.TokenComment, "# Generated: edit the cluster's spec and write it again rather than this file.\n"),
	})
	root.AppendNewline()

	tf := root.AppendNewBlock("terraform", nil).Body()
	req := tf.AppendNewBlock("required_providers", nil).Body()
	req.SetAttributeRaw("aws", hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{
		{Name: hclwrite.TokensForIdentifier("source"), Value: tfString("hashicorp/aws")},
		{Name: hclwrite.TokensForIdentifier("version"), Value: tfString(">= 5.0")},
	}))
	root.AppendNewline()
	root.AppendNewBlock("provider", []string{"aws"}).Body().SetAttributeRaw("region", tfString(w.m.region))

	blocks := slices.SortedFunc(slices.Values(w.blocks), func(a, b tfBlock) int {
		if a.addr.data != b.addr.data {
			if a.addr.data {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.addr.typ, b.addr.typ), strings.Compare(a.addr.name, b.addr.name))
	})
	for _, b := range blocks {
		root.AppendNewline()
		root.AppendBlock(b.block)
	}

	root.AppendNewline()
	root.AppendNewBlock("output", []string{"cluster_name"}).Body().SetAttributeRaw("value", tfString(w.m.cluster))
	root.AppendNewline()
	root.AppendNewBlock("output", []string{"region"}).Body().SetAttributeRaw("value", tfString(w.m.region))
	for _, t := range w.m.tasks {
		if v, ok := t.(*vpcTask); ok {
			root.AppendNewline()
			root.AppendNewBlock("output", []string{"vpc_id"}).Body().SetAttributeRaw("value", w.ref(v, "id"))
		}
	}
	return hclwrite.Format(f.Bytes())
}
