//! The content and static files are compiled into the binary (`include_dir!`); tell cargo to
//! rebuild when they change, which it cannot see by itself.
fn main() {
    println!("cargo::rerun-if-changed=content");
    println!("cargo::rerun-if-changed=static");
}
