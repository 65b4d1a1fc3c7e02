package aws

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// writeTerraformFiles writes files into dir, each through a temporary
// file renamed into place (so a file is whole or absent, and has its mode
// even when it existed with another), then removes user data files of an
// earlier run that files do not have.
func writeTerraformFiles(dir string, files []tfFile) error {
	keep := map[string]bool{}
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.path))
		parent := filepath.Dir(target)
		perm := fs.FileMode(0o755)
		if path.Dir(f.path) != "." {
			perm = 0o700 // data/: user data holds secrets
		}
		if err := os.MkdirAll(parent, perm); err != nil {
			return fmt.Errorf("terraform output: %w", err)
		}
		if err := writeFileAtomic(target, f.data, f.mode); err != nil {
			return fmt.Errorf("terraform output: %w", err)
		}
		keep[target] = true
	}
	stale, err := filepath.Glob(filepath.Join(dir, "data", "aws_launch_template_*_user_data"))
	if err != nil {
		return err
	}
	for _, s := range stale {
		if !keep[s] {
			if err := os.Remove(s); err != nil {
				return fmt.Errorf("terraform output: remove the user data of a launch template the cluster no longer has: %w", err)
			}
		}
	}
	return nil
}

func writeFileAtomic(name string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
