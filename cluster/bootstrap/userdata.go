package bootstrap

import (
	"fmt"

	"sigs.k8s.io/yaml"
)

// MaxUserDataSize is EC2's limit on user data, before base64 encoding.
const MaxUserDataSize = 16 << 10

// cloudConfig is the part of cloud-init's #cloud-config the bootstrap uses.
type cloudConfig struct {
	WriteFiles []writeFile `json:"write_files"`
	RunCmd     [][]string  `json:"runcmd,omitempty"`
}

// writeFile is an entry of write_files.
type writeFile struct {
	Path        string `json:"path"`
	Permissions string `json:"permissions"`
	Encoding    string `json:"encoding,omitempty"`
	Content     string `json:"content"`
}

// UserData returns the #cloud-config user data of the machines of
// cfg.Group: see the package documentation. The same cfg gives the same
// bytes.
func UserData(cfg NodeConfig) ([]byte, error) {
	p, err := resolve(cfg)
	if err != nil {
		return nil, err
	}
	cc, err := p.cloudConfig()
	if err != nil {
		return nil, fmt.Errorf("user data of instance group %s of cluster %s: %w", p.group, p.cluster, err)
	}
	body, err := yaml.Marshal(cc)
	if err != nil {
		return nil, err
	}
	out := append([]byte("#cloud-config\n"), body...)
	if len(out) > MaxUserDataSize {
		return nil, fmt.Errorf("user data of instance group %s of cluster %s: %d bytes, more than EC2's %d", p.group, p.cluster, len(out), MaxUserDataSize)
	}
	return out, nil
}

// cloudConfig returns the files and commands of the plan's node.
func (p *plan) cloudConfig() (*cloudConfig, error) {
	node, err := yaml.Marshal(p.node())
	if err != nil {
		return nil, err
	}
	cc := &cloudConfig{WriteFiles: []writeFile{{Path: NodePath, Permissions: "0644", Content: string(node)}}}
	if p.role == RoleBastion {
		return cc, nil
	}
	add := func(path, perm string, content []byte) {
		cc.WriteFiles = append(cc.WriteFiles, writeFile{Path: path, Permissions: perm, Content: string(content)})
	}
	add(modulesPath, "0644", []byte(modulesConf))
	add(sysctlPath, "0644", []byte(sysctlConf))
	if p.role == RoleControlPlane {
		initCfg, err := p.initConfig()
		if err != nil {
			return nil, err
		}
		add(initConfigPath, "0600", initCfg)
		add(caCertPath, "0644", p.cfg.Secrets.CACertPEM)
		add(caKeyPath, "0600", p.cfg.Secrets.CAKeyPEM)
		add(systemdDir+uploadCertsUnit+".service", "0644", []byte(uploadCertsService))
		add(systemdDir+uploadCertsUnit+".timer", "0644", []byte(uploadCertsTimer))
	}
	join, err := p.joinConfig()
	if err != nil {
		return nil, err
	}
	add(joinConfigPath, "0600", join)
	install, kubeadm, err := p.scripts()
	if err != nil {
		return nil, err
	}
	add(installScriptPath, "0700", install)
	add(kubeadmScriptPath, "0700", kubeadm)
	cc.RunCmd = [][]string{{installScriptPath}, {kubeadmScriptPath}}
	return cc, nil
}
