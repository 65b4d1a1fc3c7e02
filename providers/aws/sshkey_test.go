package aws

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/drydock-sandbox/drydock/providers"
)

// Test keys made with ssh-keygen, with the fingerprints AWS documents for
// imported keys, computed with OpenSSL:
//
//	ssh-keygen -f k.pub -e -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c
//	awk '{print $2}' k.pub | base64 -d | openssl dgst -sha256 -binary | base64
const (
	sshRSAKey      = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCzryn00iMaZp6iaA6waBUSX8BskN5kL2zFgqAE2zMA/ygAauXsMipzgt9mZXHRZhJhBsxE3h50ewO/uw1Tin4GOJCiN778O5X7Zcsmjnf9OIIeEThA6JDtq2CcmReA9VLPuC/nfM7j0AxJZ4a4qFT9RojDlIVQUZ/IrzQAairUGq2Uz4/VaF1ofmfzgzlSI6QnvNmqwuR+tlNUc1imMYOmVywUNiV0b67aMa8Kva1g5HiPF5JMm/7GgJodU7alyFuinV+vSO/g4QQVy7BOvTXmfz7epBdy4Vd6GLrF2mrvyXGpWiwHStMayV5fQxv+Q9XBIyOpGNoNTAEyBPXV9HRv admin@example"
	sshRSAAWS      = "06:cd:2e:60:23:95:ef:43:af:62:3a:5a:60:ad:8c:d4"
	sshRSAOpenSSH  = "97:22:23:88:29:fe:f5:aa:72:ce:5a:15:d6:13:9d:05" // ssh-keygen -l -E md5
	sshRSAKey2     = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCjLC3qXWxNepIQJy0xRu2E/jaU/VOgLeXRxLMZOrlQS187PCESOF9+wwaeQ2Y7gMtCgbM7gGeP1pRACMhWtSd67gOl/KdQeJUCHJ/zmlUf1GNEaayFiQ8N4Z1nP90U5uIAhsOnsmD1nkBh/A5j8wtlE0TessFLpdB2Pq7MVpXa5I7kZUOCa4ycOEi/Dqf/tbYtCQO3pUAfT+InyR9z+qJcc1xO1tCT5bsQ6S6dz2QC3dsmTPUkKoeU30QDkRx7PuPy0fkPyidXo/wH5RgaIV4SORTBHlK5kv3q2Hb/r63di9j+IN5QHtigUlf2mCUj8bSnlpKTTQP357ZWUWCI3RXR other"
	sshRSA2AWS     = "80:41:c4:6c:20:4d:9b:65:3c:09:e3:97:0c:00:d3:df"
	sshED25519Key  = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIKlsGDY0UUMBNTO/YnnXUrHgYqOwxQ5Ic+erzspLbaQ admin@example"
	sshED25519AWS  = "QKSz0eM+FrHyNtFei2ywMtwphhtDJBmfhDzy3BRXnzA="
	sshKeyTestName = "kubernetes." + tkCluster + "-" + sshRSAOpenSSH
)

func TestSSHKeyFingerprint(t *testing.T) {
	for _, tc := range []struct{ key, want, err string }{
		{sshRSAKey, sshRSAAWS, ""},
		{sshRSAKey2, sshRSA2AWS, ""},
		{sshED25519Key, sshED25519AWS, ""},
		{"ssh-dss AAAAB3NzaC1kc3MAAACBAP", "", "EC2 imports only ssh-rsa and ssh-ed25519 keys"},
		{"ssh-rsa", "", "not an OpenSSH public key"},
		{"ssh-rsa !!!", "", "not an OpenSSH public key"},
		{"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIIKlsGDY0UUMBNTO/YnnXUrHgYqOwxQ5Ic+erzspLbaQ", "", "not a ssh-rsa key"},
	} {
		got, err := awsKeyFingerprint([]byte(tc.key))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("awsKeyFingerprint(%.20q): %q, %v; want error %q", tc.key, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("awsKeyFingerprint(%.20q) = %q, %v; want %q", tc.key, got, err, tc.want)
		}
	}
}

func TestSSHKey(t *testing.T) {
	_, c := startFake(t)
	ctx := context.Background()
	key := &sshKeyTask{Name: sshKeyTestName, Cluster: tkCluster, PublicKey: []byte(sshRSAKey), Tags: tkTags(sshKeyTestName)}
	ed := &sshKeyTask{Name: "kubernetes." + tkCluster + "-ed25519", Cluster: tkCluster, PublicKey: []byte(sshED25519Key), Tags: tkTags("ed")}
	tasks := []task{key, ed}

	creates := tkCreates(t, c, tasks, "SSHKey/"+key.Name, "SSHKey/"+ed.Name)
	if got := tkField(creates["SSHKey/"+key.Name], "KeyFingerprint"); got != sshRSAAWS {
		t.Errorf("planned KeyFingerprint %q, want %q", got, sshRSAAWS)
	}
	applyTasks(t, c, tasks...)
	out, err := c.EC2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{KeyNames: []string{key.Name, ed.Name}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{key.Name: sshRSAAWS, ed.Name: sshED25519AWS}
	for _, k := range out.KeyPairs {
		name := aws.ToString(k.KeyName)
		if aws.ToString(k.KeyFingerprint) != want[name] || tagMap(k.Tags)[TagCluster] != tkCluster {
			t.Errorf("key pair %s: fingerprint %s, tags %v; want fingerprint %s", name, aws.ToString(k.KeyFingerprint), tagMap(k.Tags), want[name])
		}
		if name == key.Name && aws.ToString(k.KeyPairId) != key.id {
			t.Errorf("key id %q, AWS says %q", key.id, aws.ToString(k.KeyPairId))
		}
	}
	if len(out.KeyPairs) != 2 {
		t.Fatalf("%d key pairs", len(out.KeyPairs))
	}
	tkNoChanges(t, c, tasks...)

	key.Tags = tkTags(sshKeyTestName, "team", "a")
	tkWantChange(t, c, tasks, "SSHKey", key.Name, providers.Field{Name: "Tags", Old: render(tkTags(sshKeyTestName)), New: render(key.Tags)})

	// Another key under the same name cannot replace it in place.
	key.PublicKey = []byte(sshRSAKey2)
	tkPlanError(t, c, tasks, "SSHKey/"+key.Name, "KeyFingerprint", sshRSAAWS, sshRSA2AWS)

	// A key EC2 would refuse fails the plan, before any call.
	key.PublicKey = []byte("ssh-dss AAAA")
	tkPlanError(t, c, tasks, "SSHKey/"+key.Name, "the SSH public key")
}
