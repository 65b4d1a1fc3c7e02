package bootstrap

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"

	"sigs.k8s.io/yaml"
)

// The node description's path in write_files, API version and kind.
const (
	NodePath       = "/etc/drydock/node.yaml"
	NodeAPIVersion = "drydock.dev/v1alpha1"
	NodeKind       = "Node"
)

// Node is the node description the user data writes at NodePath, for the
// runtimes (the simulator, kind) that bring an instance to life. It holds
// no secret.
type Node struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	// Cluster and InstanceGroup name the node's cluster and group.
	Cluster       string `json:"cluster"`
	InstanceGroup string `json:"instanceGroup"`
	Role          Role   `json:"role"`
	// KubernetesVersion is the version installed, "1.33.4".
	KubernetesVersion string `json:"kubernetesVersion"`
	// APIEndpoint and APIPort are where the node reaches the API.
	APIEndpoint string `json:"apiEndpoint,omitempty"`
	APIPort     int    `json:"apiPort,omitempty"`
	// Labels are the group's node labels, all of them: the bootstrap sets
	// only those a kubelet may set on a node that is not a control plane.
	Labels map[string]string `json:"labels,omitempty"`
	// Taints are the node's taints, "KEY[=VALUE]:EFFECT".
	Taints []string `json:"taints,omitempty"`
}

// node returns the plan's node description.
func (p *plan) node() *Node {
	n := &Node{
		APIVersion:        NodeAPIVersion,
		Kind:              NodeKind,
		Cluster:           p.cluster,
		InstanceGroup:     p.group,
		Role:              p.role,
		KubernetesVersion: p.version.String(),
		APIEndpoint:       p.cfg.APIEndpoint,
	}
	if n.APIEndpoint != "" {
		n.APIPort = p.port
	}
	if p.role == RoleBastion {
		return n
	}
	for _, l := range append(append([]label(nil), p.kubeletLabels...), p.adminLabels...) {
		if n.Labels == nil {
			n.Labels = map[string]string{}
		}
		n.Labels[l.key] = l.value
	}
	for _, t := range p.taints {
		n.Taints = append(n.Taints, t.String())
	}
	return n
}

// maxDecompressed bounds what ParseNode inflates: EC2 user data is at most
// 16 KiB, so this is far more than genuine user data inflates to.
const maxDecompressed = 1 << 20

// ParseNode reads the node description from an instance's user data, as
// UserData wrote it, plain or gzip-compressed.
func ParseNode(userData []byte) (*Node, error) {
	data := userData
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		var err error
		if data, err = gunzip(data); err != nil {
			return nil, fmt.Errorf("user data: %w", err)
		}
	}
	if !isCloudConfig(data) {
		return nil, errors.New("user data is not cloud-config: it does not start with #cloud-config")
	}
	var cc struct {
		WriteFiles []writeFile `json:"write_files"`
	}
	if err := yaml.Unmarshal(data, &cc); err != nil {
		return nil, fmt.Errorf("user data: cloud-config is not valid: %w", err)
	}
	for _, f := range cc.WriteFiles {
		if f.Path != NodePath {
			continue
		}
		content, err := f.decode()
		if err != nil {
			return nil, fmt.Errorf("user data: %s: %w", NodePath, err)
		}
		var n Node
		if err := yaml.Unmarshal(content, &n); err != nil {
			return nil, fmt.Errorf("user data: %s: %w", NodePath, err)
		}
		if n.APIVersion != NodeAPIVersion || n.Kind != NodeKind {
			return nil, fmt.Errorf("user data: %s is not a %s %s (apiVersion %q, kind %q)", NodePath, NodeAPIVersion, NodeKind, n.APIVersion, n.Kind)
		}
		switch n.Role {
		case RoleControlPlane, RoleNode, RoleBastion:
		default:
			return nil, fmt.Errorf("user data: %s: unknown role %q", NodePath, n.Role)
		}
		return &n, nil
	}
	return nil, fmt.Errorf("no %s in write_files of the user data; it was not written by drydock's bootstrap", NodePath)
}

// isCloudConfig reports whether data starts with the #cloud-config line.
func isCloudConfig(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	return string(bytes.TrimRight(first, " \t\r")) == "#cloud-config"
}

// decode returns the file's content, decoded as cloud-init does.
func (f writeFile) decode() ([]byte, error) {
	switch strings.ToLower(f.Encoding) {
	case "", "text/plain":
		return []byte(f.Content), nil
	case "b64", "base64":
		return base64.StdEncoding.DecodeString(f.Content)
	case "gz", "gzip":
		return gunzip([]byte(f.Content))
	case "gz+b64", "gz+base64", "gzip+b64", "gzip+base64":
		raw, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil {
			return nil, err
		}
		return gunzip(raw)
	}
	return nil, fmt.Errorf("unknown encoding %q", f.Encoding)
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxDecompressed+1))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if len(out) > maxDecompressed {
		return nil, fmt.Errorf("gzip: more than %d bytes decompressed", maxDecompressed)
	}
	return out, nil
}
