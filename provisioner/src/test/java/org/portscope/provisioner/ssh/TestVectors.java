package org.portscope.provisioner.ssh;

/** Public keys made with ssh-keygen, with what {@code ssh-keygen -lf} printed for them. */
final class TestVectors {

    static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8Qs+yyZZwxKerzDvips1nRsEy+mw1ZBLRjqrna0xWh vec-ed";
    static final String ED25519_KEYGEN = "256 SHA256:yxtgGs0bobRDF5ho8fK1RWc6zl/QJ+udnVOgdM3y2yw vec-ed (ED25519)";

    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDnjyS0gsZz0V1+XaUimcpKnCSJRGSXERAPKUczg6pZFi6c"
            + "EKbkMDD3Xc7yw4r5gA6ujEySx7O5h1OdesbHeJe+HHkNXmU2NSvrYVjmObiN13lL623GtWMRbbEFJRmK1AxIDMMNxjE6KZjmw9//m9"
            + "HgaRP/Jum7SROIxxiJxtzSJItpOQ+bCxcWvjAAGs6gkBvxNY+mW3/YX1zIFG3c4hBdIexdYSNNt/aWhAba8qE7XxL9QMg/WuXSW14N"
            + "jT9PM9AX1k8VTwW2eVpmEkFclZLREBo5zgCbERV5RWFwABxoq/lAUVToxA4lWUEwVZ3MxSepx57bRH+zktzUwiYc44r5 vec-rsa";
    static final String RSA_KEYGEN = "2048 SHA256:vMoaAjnt0pTho1W9fuqHqrPuqNqrC+GUHS/exuf5UqU vec-rsa (RSA)";

    static final String ECDSA = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBGCOlS3At+"
            + "E9CGSsu2tM38EBJU+m+idR8hhZmC6I2CadANzXQ1u7yzchekzmizDhj1lJ6o/I0ctScB18Vx1dDvG5C2LSikqJyaD3PKHbKPW8bLtA"
            + "BnEfT1KQuhgKKg6XkQ== vec-ec";
    static final String ECDSA_KEYGEN = "384 SHA256:Wmuh14ZolpGPrMvu9FLF49udlM8a1Hwqn908dT0kOMk vec-ec (ECDSA)";

    /** {@code ssh-keygen -H} of "[10.0.0.5]:2222 ED25519" and "node1.example RSA". */
    static final String HASHED_KNOWN_HOSTS =
            "|1|TAyRI00U9/XbaG6341owrk/5fYQ=|uDf6Yg8UHsGa9A2KZxwmEMoRRXM= " + ED25519.replace(" vec-ed", "") + "\n"
            + "|1|ulJc072gua6WNWsJCDuT02fOlGA=|oW+kEL9jSb1plyaOhZFZpphDE0g= " + RSA.replace(" vec-rsa", "") + "\n";

    private TestVectors() {
    }
}
