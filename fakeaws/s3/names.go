package s3

import (
	"net"
	"strings"
)

// validBucketName applies S3's naming rules for new general purpose
// buckets.
func validBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	if !alnum(name[0]) || !alnum(name[len(name)-1]) || strings.Contains(name, "..") {
		return false
	}
	if net.ParseIP(name) != nil {
		return false
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return false
		}
	}
	return true
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// regions are the commercial AWS regions, where buckets can live.
var regions = map[string]bool{}

func init() {
	for _, r := range strings.Fields(`
		us-east-1 us-east-2 us-west-1 us-west-2 af-south-1 ap-east-1 ap-east-2
		ap-south-1 ap-south-2 ap-northeast-1 ap-northeast-2 ap-northeast-3
		ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5
		ap-southeast-6 ap-southeast-7 ca-central-1 ca-west-1 eu-central-1 eu-central-2
		eu-west-1 eu-west-2 eu-west-3 eu-south-1 eu-south-2 eu-north-1 il-central-1
		me-south-1 me-central-1 mx-central-1 sa-east-1`) {
		regions[r] = true
	}
}

// defaultRegion is where a bucket created without a location constraint
// lives.
const defaultRegion = "us-east-1"
