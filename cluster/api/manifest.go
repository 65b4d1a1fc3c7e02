package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"
)

// Manifest is what `kops create -f` reads: one Cluster, its
// InstanceGroups, and other objects (a KubeSchedulerConfiguration, …) that
// kOps stores beside them and drydock keeps as they are.
type Manifest struct {
	Cluster        *Cluster
	InstanceGroups []*InstanceGroup
	Others         []Other
}

// Other is a document of a manifest that is neither a Cluster nor an
// InstanceGroup, kept verbatim.
type Other struct {
	APIVersion string
	Kind       string
	Name       string
	Raw        json.RawMessage
}

// MarshalJSON writes the document as read.
func (o Other) MarshalJSON() ([]byte, error) { return o.Raw, nil }

// Parse reads a YAML or JSON stream of documents separated by "---". Empty
// documents are skipped. Documents of API groups other than kops.k8s.io
// are kept as Others; kops.k8s.io documents must be v1alpha2 Clusters or
// InstanceGroups, and at most one Cluster.
func Parse(data []byte) (*Manifest, error) {
	m := &Manifest{}
	index := 0
	for _, doc := range splitDocuments(data) {
		if doc.isEmpty() {
			continue
		}
		index++
		loc := Location{Document: index, Line: doc.line}
		j, err := yaml.YAMLToJSON(doc.body)
		if err != nil {
			return nil, loc.yamlError(err)
		}
		if bytes.Equal(bytes.TrimSpace(j), []byte("null")) {
			index--
			continue
		}
		if err := m.add(loc, j); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Manifest) add(loc Location, j []byte) error {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if !bytes.HasPrefix(bytes.TrimSpace(j), []byte("{")) {
		return loc.errorf("", "a document must be an object with apiVersion and kind, not %s", jsonKindOf(j))
	}
	if err := json.Unmarshal(j, &head); err != nil {
		return loc.decodeError(j, err)
	}
	loc.Kind, loc.Name = head.Kind, head.Metadata.Name
	switch {
	case head.APIVersion == "":
		return loc.errorf("apiVersion", "required (for drydock's objects: %s)", APIVersion)
	case head.Kind == "":
		return loc.errorf("kind", "required (Cluster or InstanceGroup for %s)", APIVersion)
	case (head.APIVersion == Group || strings.HasPrefix(head.APIVersion, Group+"/")) && head.APIVersion != APIVersion:
		return loc.errorf("apiVersion", "%s is not supported; drydock reads %s", head.APIVersion, APIVersion)
	case head.APIVersion != APIVersion:
		m.Others = append(m.Others, Other{head.APIVersion, head.Kind, head.Metadata.Name, json.RawMessage(j)})
		return nil
	}
	switch head.Kind {
	case KindCluster:
		if m.Cluster != nil {
			return loc.errorf("", "a second Cluster (already read %q); a manifest holds one cluster", m.Cluster.Name())
		}
		c := &Cluster{}
		if err := json.Unmarshal(j, c); err != nil {
			return loc.decodeError(j, err)
		}
		m.Cluster = c
	case KindInstanceGroup:
		ig := &InstanceGroup{}
		if err := json.Unmarshal(j, ig); err != nil {
			return loc.decodeError(j, err)
		}
		m.InstanceGroups = append(m.InstanceGroups, ig)
	default:
		return loc.errorf("kind", "%s is not a kind drydock reads; %s has Cluster and InstanceGroup", head.Kind, APIVersion)
	}
	return nil
}

// YAML writes the manifest as kOps does: the Cluster, then the instance
// groups, then the other objects, one document each, separated by "---".
func (m *Manifest) YAML() ([]byte, error) {
	var objs []any
	if m.Cluster != nil {
		objs = append(objs, m.Cluster)
	}
	for _, ig := range m.InstanceGroups {
		objs = append(objs, ig)
	}
	for _, o := range m.Others {
		objs = append(objs, o)
	}
	return MarshalYAML(objs...)
}

// MarshalYAML writes each object as a YAML document, separated by "---"
// between blank lines as kOps writes them.
func MarshalYAML(objs ...any) ([]byte, error) {
	var buf bytes.Buffer
	for i, o := range objs {
		b, err := yaml.Marshal(o)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			buf.WriteString("\n---\n\n")
		}
		buf.Write(b)
	}
	return buf.Bytes(), nil
}

// Unmodelled lists what drydock keeps without rehearsing, for each object:
// "Cluster NAME: spec.x.y", "InstanceGroup NAME: spec.z", and
// "KIND NAME (APIVERSION)" for a whole other object. Deterministic.
func (m *Manifest) Unmodelled() []string {
	var out []string
	if m.Cluster != nil {
		for _, p := range m.Cluster.Unmodelled() {
			out = append(out, fmt.Sprintf("Cluster %s: %s", m.Cluster.Name(), p))
		}
	}
	for _, ig := range m.InstanceGroups {
		for _, p := range ig.Unmodelled() {
			out = append(out, fmt.Sprintf("InstanceGroup %s: %s", ig.Name(), p))
		}
	}
	for _, o := range m.Others {
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s", o.Kind, o.Name))+" ("+o.APIVersion+")")
	}
	return out
}
