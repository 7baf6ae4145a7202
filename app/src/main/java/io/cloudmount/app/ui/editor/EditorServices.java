package io.cloudmount.app.ui.editor;

import io.cloudmount.app.drive.ConnectionTester;
import io.cloudmount.app.secrets.SecretStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What the drive editor needs from the app.
 *
 * @param tester      runs "Test connection"
 * @param secrets     where the S3 secret key is stored on Save
 * @param background  runs the blocking work (network, secret store)
 * @param freeLetters Windows: free drive letters ({@code "X:"}); empty elsewhere
 * @param mountRoot   Linux: the folder new drives' mount points are suggested in
 * @param windows     Windows mount points (drive letters, network drive) instead of folders; a
 *                    parameter rather than a look at os.name so the Windows form can be tested here
 */
public record EditorServices(ConnectionTester tester, SecretStore secrets, Executor background, List<String> freeLetters,
                             Path mountRoot, boolean windows) {
}
