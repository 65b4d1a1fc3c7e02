package bootstrap

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"
)

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseNode(t *testing.T) {
	f := load(t)
	ud, err := UserData(f.config(t, "nodes"))
	if err != nil {
		t.Fatal(err)
	}
	const node = "apiVersion: drydock.dev/v1alpha1\nkind: Node\ncluster: c.example.com\ninstanceGroup: nodes\nrole: Node\nkubernetesVersion: 1.33.4\n"
	b64 := base64.StdEncoding.EncodeToString([]byte(node))
	gzb64 := base64.StdEncoding.EncodeToString(gz(t, []byte(node)))
	writeNode := func(encoding, content string) []byte {
		return []byte("#cloud-config\nwrite_files:\n- path: /etc/other\n  content: x\n- path: /etc/drydock/node.yaml\n  encoding: " + encoding + "\n  content: " + content + "\n")
	}
	tests := []struct {
		name     string
		data     []byte
		wantNode string // instance group of the node, or "" when an error is wanted
		wantErr  string
	}{
		{"UserData's, plain", ud, "nodes", ""},
		{"UserData's, gzip", gz(t, ud), "nodes", ""},
		{"with a byte order mark and CRLF", append([]byte("\xef\xbb\xbf#cloud-config\r\n"), ud[len("#cloud-config\n"):]...), "nodes", ""},
		{"base64 content", writeNode("b64", b64), "nodes", ""},
		{"gzip and base64 content", writeNode("gz+b64", gzb64), "nodes", ""},
		{"shell script", []byte("#!/bin/bash\necho hi\n"), "", "user data is not cloud-config"},
		{"empty", nil, "", "user data is not cloud-config"},
		{"gzip of a shell script", gz(t, []byte("#!/bin/sh\n")), "", "user data is not cloud-config"},
		{"corrupt gzip", []byte{0x1f, 0x8b, 0, 1, 2}, "", "gzip"},
		{"invalid YAML", []byte("#cloud-config\nwrite_files: [\n"), "", "not valid"},
		{"no write_files", []byte("#cloud-config\nruncmd: [[true]]\n"), "", "no /etc/drydock/node.yaml in write_files"},
		{"other files only", []byte("#cloud-config\nwrite_files:\n- path: /etc/motd\n  content: hi\n"), "", "no /etc/drydock/node.yaml in write_files"},
		{"not a Node", writeNode("text/plain", "'{apiVersion: v1, kind: ConfigMap}'"), "", "is not a drydock.dev/v1alpha1 Node"},
		{"unknown role", writeNode("", "'{apiVersion: drydock.dev/v1alpha1, kind: Node, role: Master}'"), "", `unknown role "Master"`},
		{"bad base64", writeNode("b64", "!!!"), "", "/etc/drydock/node.yaml"},
		{"unknown encoding", writeNode("rot13", "x"), "", `unknown encoding "rot13"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseNode(tt.data)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseNode = %+v, %v; want an error containing %q", n, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n.InstanceGroup != tt.wantNode || n.Role != RoleNode || n.KubernetesVersion != "1.33.4" {
				t.Errorf("ParseNode = %+v, want a 1.33.4 Node of group %s", n, tt.wantNode)
			}
		})
	}
}

// TestParseNodeBomb: ParseNode does not inflate without bound.
func TestParseNodeBomb(t *testing.T) {
	huge := append([]byte("#cloud-config\n# "), bytes.Repeat([]byte("a"), 2*maxDecompressed)...)
	if _, err := ParseNode(gz(t, huge)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("err = %v, want one about the size", err)
	}
}
